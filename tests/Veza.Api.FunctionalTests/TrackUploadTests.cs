using System.Net;
using System.Net.Http.Json;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Veza.Testing;
using Veza.TestKit;

namespace Veza.Api.FunctionalTests;

/// <summary>
/// POST /tracks, POST /tracks/{id}/reprocess and GET /users/me/quota over HTTP through Kestrel (real body
/// limits and connection aborts), with audio made by ffmpeg and the real filesystem storage: what is
/// answered, what is stored, and that nothing is left of a refused or interrupted upload.
/// </summary>
public class TrackUploadTests : AdminApiTestBase
{
    private static readonly string StorageRoot = Path.Combine(Path.GetTempPath(), "veza-track-upload-tests-" + Guid.NewGuid().ToString("N"));
    private static readonly string AudioDir = Path.Combine(Path.GetTempPath(), "veza-track-audio-" + Guid.NewGuid().ToString("N"));
    private static readonly Dictionary<string, byte[]> Audio = [];
    private static byte[] _png = null!;

    /// <summary>No job worker: these tests are about what the upload leaves (a track in processing and its queued job), not processing.</summary>
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Storage:Root"] = StorageRoot,
        ["Jobs:WorkerEnabled"] = "false",
    };

    protected override bool UsesKestrel => true;

    private static string TracksDir => Path.Combine(StorageRoot, "tracks");

    [OneTimeSetUp]
    public async Task MakeAudio()
    {
        Directory.CreateDirectory(AudioDir);
        foreach (var extension in new[] { "wav", "flac", "mp3", "ogg", "opus", "m4a" })
        {
            Audio[extension] = await File.ReadAllBytesAsync(await TestAudio.MakeToneAsync(Path.Combine(AudioDir, $"tone.{extension}"), 2));
        }

        _png = await TestImages.MakeAsync("png", 320, 240);
    }

    [OneTimeTearDown]
    public void DeleteFiles()
    {
        foreach (var directory in new[] { StorageRoot, AudioDir })
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    [SetUp]
    public void EmptyStorage()
    {
        if (Directory.Exists(TracksDir))
        {
            Directory.Delete(TracksDir, recursive: true);
        }
    }

    [TestCase("wav", "wav")]
    [TestCase("flac", "flac")]
    [TestCase("mp3", "mp3")]
    [TestCase("ogg", "ogg_vorbis")]
    [TestCase("opus", "ogg_opus")]
    [TestCase("m4a", "mp4")]
    public async Task Each_accepted_format_is_202_processing_with_its_original_stored_and_a_job_queued(string extension, string format)
    {
        var me = await RegisterAsync();
        var bytes = Audio[extension];

        using var response = await UploadAsync(me.AccessToken, bytes, $"Night_Drive.{extension}");

        var body = await BodyAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), body.ToJsonString());
        var data = body["data"]!;
        var id = data["id"]!.GetValue<Guid>();
        Assert.Multiple(async () =>
        {
            Assert.That(response.Headers.Location!.ToString(), Is.EqualTo($"/api/v1/tracks/{id}"));
            Assert.That(data["status"]!.GetValue<string>(), Is.EqualTo("processing"));
            Assert.That(data["title"]!.GetValue<string>(), Is.EqualTo("Night Drive"));
            Assert.That(data["visibility"]!.GetValue<string>(), Is.EqualTo("public"));
            Assert.That(data["original_format"]!.GetValue<string>(), Is.EqualTo(format));
            Assert.That(data["original_bytes"]!.GetValue<long>(), Is.EqualTo(bytes.Length));
            Assert.That(await File.ReadAllBytesAsync(OriginalPath(id)), Is.EqualTo(bytes), "the original, byte for byte");
            Assert.That(await Database.ScalarAsync<string>("SELECT content_hash FROM tracks WHERE id = @id AND owner_id = @owner", ("id", id), ("owner", me.UserId)),
                Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(bytes))));
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM jobs WHERE kind = 'tracks.process' AND payload->>'track_id' = @id", ("id", id.ToString())),
                Is.EqualTo(1));
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM audit_events WHERE action = 'tracks.upload' AND target = @t", ("t", $"track:{id}")), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Fields_and_artwork_are_kept_and_the_artwork_is_stored_as_square_webp()
    {
        var me = await RegisterAsync();

        using var response = await UploadAsync(me.AccessToken, Audio["flac"], "take.flac", new()
        {
            ["title"] = "Tape Loop",
            ["description"] = "One take.\nNo edits.",
            ["tags"] = "Ambient, tape , ambient",
            ["visibility"] = "unlisted",
            ["genre"] = "Ambient",
        }, artwork: _png);

        var body = await BodyAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), body.ToJsonString());
        var data = body["data"]!;
        var id = data["id"]!.GetValue<Guid>();
        var version = await Database.ScalarAsync<Guid>("SELECT artwork_version FROM tracks WHERE id = @id", ("id", id));
        Assert.Multiple(async () =>
        {
            Assert.That(data["title"]!.GetValue<string>(), Is.EqualTo("Tape Loop"));
            Assert.That(data["description"]!.GetValue<string>(), Is.EqualTo("One take.\nNo edits."));
            Assert.That(data["tags"]!.AsArray().Select(t => t!.GetValue<string>()), Is.EqualTo(new[] { "ambient", "tape" }));
            Assert.That(data["visibility"]!.GetValue<string>(), Is.EqualTo("unlisted"));
            Assert.That(data["genre"]!.GetValue<string>(), Is.EqualTo("Ambient"));
            Assert.That(await TestImages.ProbeAsync(await File.ReadAllBytesAsync(Path.Combine(TracksDir, id.ToString("N"), $"artwork-{version:N}-512.webp"))),
                Is.EqualTo((512, 512, "webp")));
            Assert.That(await Database.ScalarAsync<long>("SELECT stored_bytes - original_bytes FROM tracks WHERE id = @id", ("id", id)), Is.GreaterThan(0),
                "the artwork counts against the quota");
        });
    }

    [Test]
    public async Task While_verified_addresses_are_required_an_unverified_uploader_gets_403_and_nothing_is_stored()
    {
        var admin = await UserWithRoleAsync("admin_ana", "admin");
        using (var put = await PutSettingsAsync(new { require_verified_email = true }, admin.AccessToken))
        {
            Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        var me = await RegisterAsync();
        using (var refused = await UploadAsync(me.AccessToken, Audio["wav"], "take.wav"))
        {
            await AssertErrorAsync(refused, HttpStatusCode.Forbidden, "EMAIL_NOT_VERIFIED");
        }

        await AssertNothingLeftAsync();
        await Database.ScalarAsync<int>("UPDATE users SET email_verified_at = now() WHERE id = @id RETURNING 1", ("id", me.UserId));
        using var accepted = await UploadAsync(me.AccessToken, Audio["wav"], "take.wav");
        Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), "the same upload once the address is verified");

        // Artwork is an upload too.
        var trackId = (await BodyAsync(accepted))["data"]!["id"]!.GetValue<Guid>();
        await Database.ScalarAsync<int>("UPDATE users SET email_verified_at = NULL WHERE id = @id RETURNING 1", ("id", me.UserId));
        using var artwork = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/tracks/{trackId}/artwork")
        {
            Content = new MultipartFormDataContent { { new ByteArrayContent(await TestImages.MakeAsync("png", 64, 64)), "file", "cover.png" } },
        };
        artwork.Headers.Authorization = new("Bearer", me.AccessToken);
        await AssertErrorAsync(await Client.SendAsync(artwork), HttpStatusCode.Forbidden, "EMAIL_NOT_VERIFIED");
    }

    [Test]
    public async Task A_text_file_renamed_mp3_is_415_and_leaves_nothing()
    {
        var me = await RegisterAsync();

        using var response = await UploadAsync(me.AccessToken, "ID4 this is only text pretending to be an mp3 file..........."u8.ToArray(), "hit.mp3", contentType: "audio/mpeg");

        await AssertErrorAsync(response, HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE");
        await AssertNothingLeftAsync();
    }

    [Test]
    public async Task An_empty_file_is_400_on_the_file_and_leaves_nothing()
    {
        var me = await RegisterAsync();

        using var response = await UploadAsync(me.AccessToken, [], "empty.mp3");

        var body = await AssertErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.That(Details(body), Is.EqualTo(new[] { ("file", "The file is empty.") }));
        await AssertNothingLeftAsync();
    }

    [Test]
    public async Task A_file_over_the_size_setting_is_413_with_the_limit_and_leaves_nothing()
    {
        var admin = await UserWithRoleAsync("admin_ana", "admin");
        using (var put = await PutSettingsAsync(new { max_upload_bytes = 100_000 }, admin.AccessToken))
        {
            Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        var me = await RegisterAsync();
        Assume.That(Audio["wav"], Has.Length.GreaterThan(100_000));

        using var streamed = await UploadAsync(me.AccessToken, Audio["wav"], "long.wav");
        var body = await AssertErrorAsync(streamed, HttpStatusCode.RequestEntityTooLarge, "PAYLOAD_TOO_LARGE");
        Assert.That(Details(body), Is.EqualTo(new[] { ("limit_bytes", "100000") }));

        // Announced larger than the limit and the room for artwork and fields: refused before the body is read.
        using var announced = await UploadAsync(me.AccessToken, new byte[12 << 20], "huge.wav");
        body = await AssertErrorAsync(announced, HttpStatusCode.RequestEntityTooLarge, "PAYLOAD_TOO_LARGE");
        Assert.That(Details(body), Is.EqualTo(new[] { ("limit_bytes", "100000") }));
        await AssertNothingLeftAsync();
    }

    [Test]
    public async Task An_upload_over_the_quota_is_413_quota_exceeded_with_usage_and_limit_and_leaves_nothing()
    {
        var admin = await UserWithRoleAsync("admin_ana", "admin");
        var me = await RegisterAsync();
        using (var first = await UploadAsync(me.AccessToken, Audio["mp3"], "first.mp3"))
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        }

        var used = Audio["mp3"].Length;
        var limit = used + 1000;
        using (var put = await PutSettingsAsync(new { upload_quota_bytes = new { free = limit } }, admin.AccessToken))
        {
            Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK), await put.Content.ReadAsStringAsync());
        }

        using var response = await UploadAsync(me.AccessToken, Audio["flac"], "second.flac");

        var body = await AssertErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, "QUOTA_EXCEEDED");
        Assert.That(Details(body), Is.EqualTo(new[] { ("used_bytes", used.ToString()), ("limit_bytes", limit.ToString()) }));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM tracks"), Is.EqualTo(1));
        Assert.That(Directory.GetDirectories(TracksDir), Has.Length.EqualTo(1));
    }

    [Test]
    public async Task The_same_file_twice_is_409_with_the_existing_track_and_one_copy_is_kept()
    {
        var me = await RegisterAsync();
        using var first = await UploadAsync(me.AccessToken, Audio["ogg"], "a.ogg");
        var id = (await BodyAsync(first))["data"]!["id"]!.GetValue<string>();

        using var second = await UploadAsync(me.AccessToken, Audio["ogg"], "renamed.ogg", new() { ["title"] = "Another title" });

        var body = await AssertErrorAsync(second, HttpStatusCode.Conflict, "CONFLICT");
        Assert.Multiple(async () =>
        {
            Assert.That(Details(body), Is.EqualTo(new[] { ("track_id", id) }));
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM tracks"), Is.EqualTo(1));
            Assert.That(Directory.GetDirectories(TracksDir), Has.Length.EqualTo(1));
        });

        // Another user may upload the same bytes.
        var other = await RegisterAsync("dj_echo", "echo@example.com");
        using var theirs = await UploadAsync(other.AccessToken, Audio["ogg"], "a.ogg");
        Assert.That(theirs.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
    }

    [Test]
    public async Task An_upload_whose_client_goes_away_midway_leaves_no_file_and_no_row()
    {
        var me = await RegisterAsync();
        var wav = Audio["wav"];
        using var content = new MultipartFormDataContent();
        var file = new StreamContent(new BreakingStream(wav, breakAfter: wav.Length / 2));
        file.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
        content.Add(file, "file", "cut.wav");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tracks") { Content = content };
        request.Headers.Authorization = new("Bearer", me.AccessToken);

        Assert.CatchAsync(() => Client.SendAsync(request));

        // The server notices the abort on its side, then cleans up.
        Assert.That(await Eventually.TrueAsync(async () =>
            !Directory.Exists(TracksDir) || Directory.EnumerateFileSystemEntries(TracksDir, "*", SearchOption.AllDirectories).All(Directory.Exists)), Is.True,
            "no file (a temporary one included) under tracks/");
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM tracks"), Is.Zero);
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM jobs WHERE kind = 'tracks.process'"), Is.Zero);
    }

    [Test]
    public async Task Uploads_in_progress_hold_no_database_connection_so_more_slow_uploads_than_the_pool_holds_leave_the_api_answering()
    {
        // A pool of 4 connections that gives up waiting after 3 s: were each upload in progress holding one, the
        // eight below would starve every other request (and each other) with pool timeouts.
        await using var host = new VezaApiFactory(Database.ConnectionString + ";Maximum Pool Size=4;Timeout=3", Settings);
        using var client = host.CreateClient();
        var me = await RegisterAsync();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var bodies = Enumerable.Range(0, 8).Select(i => Audio["wav"].Concat(BitConverter.GetBytes(i)).ToArray()).Select(wav => new GatedStream(wav, wav.Length / 2, gate.Task)).ToList();
        var uploads = bodies.Select(async (body, i) =>
        {
            using var content = new MultipartFormDataContent();
            var file = new StreamContent(body);
            file.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
            content.Add(file, "file", $"slow-{i}.wav");
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tracks") { Content = content };
            request.Headers.Authorization = new("Bearer", me.AccessToken);
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }).ToList();

        // Every upload has sent half its file and waits; meanwhile the API reads and writes as usual.
        Assert.That(await Eventually.TrueAsync(() => Task.FromResult(bodies.All(b => b.Paused.IsCompleted))), Is.True, "all eight uploads are in progress");
        using var meanwhile = new HttpRequestMessage(HttpMethod.Get, "/api/v1/users/me/quota") { Headers = { Authorization = new("Bearer", me.AccessToken) } };
        using var answered = await client.SendAsync(meanwhile);
        using var registered = await client.PostAsJsonAsync("/api/v1/auth/register", new { username = "other_one", email = "other@example.com", password = Password });
        gate.SetResult();
        var statuses = await Task.WhenAll(uploads);

        Assert.Multiple(async () =>
        {
            Assert.That(answered.StatusCode, Is.EqualTo(HttpStatusCode.OK), "a read while eight uploads stream");
            Assert.That(registered.StatusCode, Is.EqualTo(HttpStatusCode.Created), "a registration (a write) while eight uploads stream");
            Assert.That(statuses, Is.All.EqualTo(HttpStatusCode.Accepted));
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM tracks WHERE owner_id = @u", ("u", me.UserId)), Is.EqualTo(8));
        });
    }

    [Test]
    public async Task The_file_must_be_the_last_part_and_must_be_there()
    {
        var me = await RegisterAsync();

        using var late = new MultipartFormDataContent
        {
            { new ByteArrayContent(Audio["wav"]), "file", "a.wav" },
            { new StringContent("Too late"), "title" },
        };
        using var lateResponse = await PostFormAsync(late, me.AccessToken);
        var body = await AssertErrorAsync(lateResponse, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.That(Details(body).Single().Field, Is.EqualTo("file"));
        Assert.That(Details(body).Single().Message, Does.Contain("last part"));

        using var missing = new MultipartFormDataContent { { new StringContent("No file"), "title" } };
        using var missingResponse = await PostFormAsync(missing, me.AccessToken);
        body = await AssertErrorAsync(missingResponse, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.That(Details(body).Single().Field, Is.EqualTo("file"));

        using var unknown = new MultipartFormDataContent { { new StringContent("x"), "titel" }, { new ByteArrayContent(Audio["wav"]), "file", "a.wav" } };
        using var unknownResponse = await PostFormAsync(unknown, me.AccessToken);
        body = await AssertErrorAsync(unknownResponse, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.That(Details(body).Single().Field, Is.EqualTo("titel"));

        using var json = await PostAsync("/api/v1/tracks", new { title = "x" }, me.AccessToken);
        await AssertErrorAsync(json, HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE");
        await AssertNothingLeftAsync();
    }

    [Test]
    public async Task Invalid_fields_are_400_and_nothing_is_stored()
    {
        var me = await RegisterAsync();

        using var response = await UploadAsync(me.AccessToken, Audio["wav"], "a.wav", new() { ["visibility"] = "friends", ["tags"] = "a,b,c,d,e,f,g,h,i,j,k" });

        var body = await AssertErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.That(Details(body).Select(d => d.Field), Is.EquivalentTo(new[] { "visibility", "tags" }));
        await AssertNothingLeftAsync();
    }

    [Test]
    public async Task The_quota_counts_the_callers_tracks_against_their_plan()
    {
        var me = await RegisterAsync();
        using (var empty = await GetAsync("/api/v1/users/me/quota", me.AccessToken))
        {
            var data = (await BodyAsync(empty))["data"]!;
            Assert.That(data.ToJsonString(), Is.EqualTo(
                $$"""{"used_bytes":0,"limit_bytes":{{1L << 30}},"plan":"free","track_count":0,"remaining_bytes":{{1L << 30}},"max_upload_bytes":{{200L << 20}}}"""));
        }

        using (await UploadAsync(me.AccessToken, Audio["mp3"], "a.mp3"))
        using (await UploadAsync(me.AccessToken, Audio["flac"], "b.flac"))
        {
        }

        var used = Audio["mp3"].Length + Audio["flac"].Length;
        using var response = await GetAsync("/api/v1/users/me/quota", me.AccessToken);
        var quota = (await BodyAsync(response))["data"]!;
        Assert.Multiple(() =>
        {
            Assert.That(quota["used_bytes"]!.GetValue<long>(), Is.EqualTo(used));
            Assert.That(quota["track_count"]!.GetValue<int>(), Is.EqualTo(2));
            Assert.That(quota["remaining_bytes"]!.GetValue<long>(), Is.EqualTo((1L << 30) - used));
        });
    }

    [Test]
    public async Task Reprocess_queues_a_failed_track_for_its_owner_and_admins_and_refuses_everything_else()
    {
        var me = await RegisterAsync();
        var other = await RegisterAsync("dj_echo", "echo@example.com");
        var admin = await UserWithRoleAsync("admin_ana", "admin");
        using var upload = await UploadAsync(me.AccessToken, Audio["wav"], "a.wav", new() { ["visibility"] = "private" });
        var id = (await BodyAsync(upload))["data"]!["id"]!.GetValue<Guid>();
        var path = $"/api/v1/tracks/{id}/reprocess";

        using (var processing = await PostAsync(path, new { }, me.AccessToken))
        {
            var body = await AssertErrorAsync(processing, (HttpStatusCode)422, "INVALID_STATE");
            Assert.That(Details(body), Is.EqualTo(new[] { ("status", "processing") }));
        }

        await Database.ScalarAsync<int>("UPDATE tracks SET status = 'failed', failure = 'corrupt' WHERE id = @id RETURNING 1", ("id", id));
        using (var hidden = await PostAsync(path, new { }, other.AccessToken))
        {
            await AssertErrorAsync(hidden, HttpStatusCode.NotFound, "NOT_FOUND");
        }

        await Database.ScalarAsync<int>("UPDATE tracks SET visibility = 'public' WHERE id = @id RETURNING 1", ("id", id));
        using (var notTheirs = await PostAsync(path, new { }, other.AccessToken))
        {
            await AssertErrorAsync(notTheirs, HttpStatusCode.Forbidden, "FORBIDDEN");
        }

        using (var queued = await PostAsync(path, new { }, me.AccessToken))
        {
            var body = await BodyAsync(queued);
            Assert.That(queued.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), body.ToJsonString());
            Assert.That(body["data"]!["status"]!.GetValue<string>(), Is.EqualTo("processing"));
            Assert.That(queued.Headers.Location!.ToString(), Is.EqualTo($"/api/v1/tracks/{id}"));
        }

        await Database.ScalarAsync<int>("UPDATE tracks SET status = 'failed', failure = 'corrupt' WHERE id = @id RETURNING 1", ("id", id));
        using (var byAdmin = await PostAsync(path, new { }, admin.AccessToken))
        {
            Assert.That(byAdmin.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        }

        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM jobs WHERE kind = 'tracks.process'"), Is.EqualTo(3));
        using var unknown = await PostAsync($"/api/v1/tracks/{Guid.NewGuid()}/reprocess", new { }, me.AccessToken);
        await AssertErrorAsync(unknown, HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Test]
    public async Task Swagger_documents_the_form_with_the_file_last_and_every_refusal()
    {
        using var response = await Client.GetAsync("/swagger/v1/swagger.json");
        var operation = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["paths"]!["/api/v1/tracks"]!["post"]!;

        var form = operation["requestBody"]!["content"]!["multipart/form-data"]!["schema"]!;
        var properties = (form["properties"] ?? JsonNode.Parse(await response.Content.ReadAsStringAsync())!["components"]!["schemas"]![form["$ref"]!.GetValue<string>().Split('/')[^1]]!["properties"])!
            .AsObject().Select(p => p.Key).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(properties, Is.EqualTo(new[] { "title", "description", "tags", "visibility", "genre", "artwork", "file" }));
            Assert.That(operation["responses"]!.AsObject().Select(r => r.Key), Is.SupersetOf(new[] { "202", "400", "401", "409", "413", "415" }));
            Assert.That(operation["description"]!.GetValue<string>(), Does.Contain("LAST part").And.Contain("QUOTA_EXCEEDED"));
        });
    }

    private string OriginalPath(Guid id) => Path.Combine(TracksDir, id.ToString("N"), "original");

    private static (string Field, string Message)[] Details(JsonNode body) =>
        body["error"]!["details"]!.AsArray().Select(d => (d!["field"]!.GetValue<string>(), d["message"]!.GetValue<string>())).ToArray();

    private async Task AssertNothingLeftAsync()
    {
        Assert.Multiple(async () =>
        {
            Assert.That(Directory.Exists(TracksDir) ? Directory.EnumerateFiles(TracksDir, "*", SearchOption.AllDirectories) : [], Is.Empty, "no file under tracks/");
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM tracks"), Is.Zero);
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM jobs WHERE kind = 'tracks.process'"), Is.Zero);
        });
    }

    private Task<HttpResponseMessage> UploadAsync(
        string accessToken, byte[] file, string fileName, Dictionary<string, string>? fields = null, byte[]? artwork = null, string contentType = "application/octet-stream") =>
        TrackUploadRequests.UploadAsync(Client, accessToken, file, fileName, fields, artwork, contentType);

    private Task<HttpResponseMessage> PostFormAsync(MultipartFormDataContent content, string accessToken) =>
        TrackUploadRequests.PostFormAsync(Client, content, accessToken);

    /// <summary>A request body that fails partway, as when the client's connection drops.</summary>
    private sealed class BreakingStream(byte[] content, int breakAfter) : MemoryStream(content)
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (Position >= breakAfter)
            {
                // Give the server time to have stored what it got before the connection goes.
                await Task.Delay(200, cancellationToken);
                throw new IOException("The client went away.");
            }

            return await base.ReadAsync(buffer[..Math.Min(buffer.Length, 16 * 1024)], cancellationToken);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }
}
