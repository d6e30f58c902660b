using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Veza.Testing;
using Veza.TestKit;

namespace Veza.Api.FunctionalTests;

/// <summary>GET/PUT/DELETE /tracks/{id}, lists, waveform and artwork over HTTP, against PostgreSQL and the filesystem storage.</summary>
public class TrackCatalogTests : TrackApiTestBase
{
    [Test]
    public async Task A_track_reads_with_artist_variants_urls_loudness_and_counters()
    {
        var owner = await UserAsync("dj_nova");
        var id = await SeedTrackAsync(owner.UserId, new TrackSeed("Night Drive", Tags: ["Synthwave", "night drive"], Genre: "Synthwave", Description: "Live.", Artwork: true));

        var track = (await OkAsync(await GetAsync($"/api/v1/tracks/{id}", owner.AccessToken)))["data"]!;

        var version = track["artwork"]!["version"]!.GetValue<Guid>();
        Assert.Multiple(() =>
        {
            Assert.That(track["id"]!.GetValue<Guid>(), Is.EqualTo(id));
            Assert.That(track["title"]!.GetValue<string>(), Is.EqualTo("Night Drive"));
            Assert.That(track["artist"]!["id"]!.GetValue<Guid>(), Is.EqualTo(owner.UserId));
            Assert.That(track["artist"]!["username"]!.GetValue<string>(), Is.EqualTo("dj_nova"));
            Assert.That(track["genre"]!.GetValue<string>(), Is.EqualTo("Synthwave"));
            Assert.That(track["description"]!.GetValue<string>(), Is.EqualTo("Live."));
            Assert.That(track["duration"]!.GetValue<double>(), Is.EqualTo(1.0));
            Assert.That(track["status"]!.GetValue<string>(), Is.EqualTo("ready"));
            Assert.That(track["failure"], Is.Null);
            Assert.That(track["visibility"]!.GetValue<string>(), Is.EqualTo("public"));
            Assert.That(track["variants"]!.ToJsonString(), Is.EqualTo("""["mp3_128"]"""));
            Assert.That(track["waveform_url"]!.GetValue<string>(), Is.EqualTo($"/api/v1/tracks/{id}/waveform"));
            Assert.That(track["artwork"]!["url"]!.GetValue<string>(), Is.EqualTo($"/api/v1/tracks/{id}/artwork?size=512&v={version:N}"));
            Assert.That(track["artwork"]!["small_url"]!.GetValue<string>(), Is.EqualTo($"/api/v1/tracks/{id}/artwork?size=128&v={version:N}"));
            Assert.That(track["loudness_lufs"]!.GetValue<double>(), Is.EqualTo(-20.0));
            Assert.That(track["track_gain_db"]!.GetValue<double>(), Is.EqualTo(2.0));
            Assert.That(track["tags"]!.AsArray().Select(t => t!.GetValue<string>()), Is.EqualTo(new[] { "synthwave", "night drive" }));
            Assert.That(track["plays"]!.GetValue<long>(), Is.Zero);
            Assert.That(track["likes"]!.GetValue<long>(), Is.Zero);
            Assert.That(track["liked_by_me"]!.GetValue<bool>(), Is.False);
            Assert.That(track["hidden"]!.GetValue<bool>(), Is.False);
            Assert.That(track["created_at"], Is.Not.Null);
        });
    }

    [Test]
    public async Task A_failed_track_shows_its_failure_to_the_owner_and_admins_only()
    {
        var owner = await UserAsync("dj_nova");
        var other = await UserAsync("other");
        var admin = await AdminAsync();
        var id = await SeedTrackAsync(owner.UserId, new TrackSeed(Status: "failed"));

        var seenByOwner = (await OkAsync(await GetAsync($"/api/v1/tracks/{id}", owner.AccessToken)))["data"]!;
        var seenByAdmin = (await OkAsync(await GetAsync($"/api/v1/tracks/{id}", admin.AccessToken)))["data"]!;
        var seenByOther = (await OkAsync(await GetAsync($"/api/v1/tracks/{id}", other.AccessToken)))["data"]!;

        Assert.Multiple(() =>
        {
            Assert.That(seenByOwner["status"]!.GetValue<string>(), Is.EqualTo("failed"));
            Assert.That(seenByOwner["failure"]!["code"]!.GetValue<string>(), Is.EqualTo("corrupt"));
            Assert.That(seenByOwner["failure"]!["message"]!.GetValue<string>(), Does.Contain("damaged"));
            Assert.That(seenByAdmin["failure"]!["code"]!.GetValue<string>(), Is.EqualTo("corrupt"));
            Assert.That(seenByOther["status"]!.GetValue<string>(), Is.EqualTo("failed"));
            Assert.That(seenByOther["failure"], Is.Null);
            Assert.That(seenByOther["waveform_url"], Is.Null);
        });
    }

    /// <summary>By id: who gets 200 and who 404, for each visibility and a hidden track (anonymous callers get 401: JSON routes need sign-in).</summary>
    [TestCase("public", null, "owner=200 other=200 admin=200 anonymous=401")]
    [TestCase("unlisted", null, "owner=200 other=200 admin=200 anonymous=401")]
    [TestCase("private", null, "owner=200 other=404 admin=200 anonymous=401")]
    [TestCase("public", "Copyright claim.", "owner=200 other=404 admin=200 anonymous=401")]
    public async Task Visibility_by_id(string visibility, string? hidden, string expected)
    {
        var owner = await UserAsync("dj_nova");
        var other = await UserAsync("other");
        var admin = await AdminAsync();
        var id = await SeedTrackAsync(owner.UserId, new TrackSeed(Visibility: visibility, HiddenReason: hidden));

        var seen = new List<string>();
        foreach (var (name, token) in new[] { ("owner", owner.AccessToken), ("other", other.AccessToken), ("admin", admin.AccessToken), ("anonymous", (string?)null) })
        {
            using var response = await GetAsync($"/api/v1/tracks/{id}", token);
            seen.Add($"{name}={(int)response.StatusCode}");
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                await AssertErrorAsync(response, HttpStatusCode.NotFound, "NOT_FOUND");
            }
        }

        Assert.That(string.Join(' ', seen), Is.EqualTo(expected));
    }

    [Test]
    public async Task A_hidden_track_shows_its_reason_to_the_owner()
    {
        var owner = await UserAsync("dj_nova");
        var id = await SeedTrackAsync(owner.UserId, new TrackSeed(HiddenReason: "Copyright claim."));

        var track = (await OkAsync(await GetAsync($"/api/v1/tracks/{id}", owner.AccessToken)))["data"]!;

        Assert.That(track["hidden"]!.GetValue<bool>(), Is.True);
        Assert.That(track["hidden_reason"]!.GetValue<string>(), Is.EqualTo("Copyright claim."));
    }

    /// <summary>In lists: only public, ready, not hidden tracks, except in the owner's own view.</summary>
    [Test]
    public async Task Lists_show_only_listed_tracks_except_to_their_owner()
    {
        var owner = await UserAsync("dj_nova");
        var other = await UserAsync("other");
        var admin = await AdminAsync();
        var listed = await SeedTrackAsync(owner.UserId, new TrackSeed("Listed"));
        var unlisted = await SeedTrackAsync(owner.UserId, new TrackSeed("Unlisted", Visibility: "unlisted"));
        var priv = await SeedTrackAsync(owner.UserId, new TrackSeed("Private", Visibility: "private"));
        var hidden = await SeedTrackAsync(owner.UserId, new TrackSeed("Hidden", HiddenReason: "Reported."));
        var processing = await SeedTrackAsync(owner.UserId, new TrackSeed("Processing", Status: "processing"));
        var failed = await SeedTrackAsync(owner.UserId, new TrackSeed("Failed", Status: "failed"));
        var all = new[] { failed, processing, hidden, priv, unlisted, listed };

        foreach (var caller in new[] { other, admin, owner })
        {
            Assert.That(Ids(await OkAsync(await GetAsync("/api/v1/tracks", caller.AccessToken))), Is.EqualTo(new[] { listed }), "the catalogue");
        }

        foreach (var caller in new[] { other, admin })
        {
            Assert.That(Ids(await OkAsync(await GetAsync($"/api/v1/users/{owner.UserId}/tracks", caller.AccessToken))), Is.EqualTo(new[] { listed }), "a profile");
            Assert.That(Ids(await OkAsync(await GetAsync($"/api/v1/tracks?user_id={owner.UserId}", caller.AccessToken))), Is.EqualTo(new[] { listed }));
        }

        var mine = await OkAsync(await GetAsync($"/api/v1/users/{owner.UserId}/tracks", owner.AccessToken));
        Assert.That(Ids(mine), Is.EqualTo(all), "newest first, every state");
        Assert.That(mine["pagination"]!["total"]!.GetValue<long>(), Is.EqualTo(6));
        Assert.That(Ids(await OkAsync(await GetAsync("/api/v1/tracks?user_id=me", owner.AccessToken))), Is.EqualTo(all));
        Assert.That(Ids(await OkAsync(await GetAsync($"/api/v1/tracks?user_id={owner.UserId}", owner.AccessToken))), Is.EqualTo(all));
    }

    [Test]
    public async Task Lists_filter_by_tag_genre_and_text_and_sort_by_likes_and_plays()
    {
        var owner = await UserAsync("dj_nova");
        var fan = await UserAsync("fan");
        var a = await SeedTrackAsync(owner.UserId, new TrackSeed("Alpha Waves", Tags: ["ambient"], Genre: "Ambient"));
        var b = await SeedTrackAsync(owner.UserId, new TrackSeed("Bass Line", Tags: ["techno", "dark"], Genre: "Techno", Description: "A WAREHOUSE night."));
        var c = await SeedTrackAsync(owner.UserId, new TrackSeed("Cosmic", Tags: ["ambient", "space"], Genre: "ambient"));
        await Database.ScalarAsync<int>("UPDATE tracks SET play_count = 50 WHERE id = @id RETURNING 1", ("id", a));
        using (var like = await PostAsync($"/api/v1/tracks/{b}/like", new { }, fan.AccessToken))
        {
            await OkAsync(like);
        }

        async Task<Guid[]> ListAsync(string query) => Ids(await OkAsync(await GetAsync("/api/v1/tracks?" + query, fan.AccessToken)));

        Assert.Multiple(async () =>
        {
            Assert.That(await ListAsync("tag=ambient"), Is.EqualTo(new[] { c, a }));
            Assert.That(await ListAsync("tag=AMBIENT"), Is.EqualTo(new[] { c, a }));
            Assert.That(await ListAsync("genre=AMBIENT"), Is.EqualTo(new[] { c, a }));
            Assert.That(await ListAsync("q=warehouse"), Is.EqualTo(new[] { b }), "in the description");
            Assert.That(await ListAsync("q=SPA"), Is.EqualTo(new[] { c }), "in a tag");
            Assert.That(await ListAsync("q=waves"), Is.EqualTo(new[] { a }), "in the title");
            Assert.That(await ListAsync("q=100%25"), Is.Empty, "wildcards are literal");
            Assert.That(await ListAsync("sort=new"), Is.EqualTo(new[] { c, b, a }));
            Assert.That(await ListAsync("sort=popular"), Is.EqualTo(new[] { b, c, a }));
            Assert.That(await ListAsync("sort=plays"), Is.EqualTo(new[] { a, c, b }));
            Assert.That(await ListAsync("sort=new&limit=2&page=2"), Is.EqualTo(new[] { a }));
        });
        var liked = (await OkAsync(await GetAsync($"/api/v1/tracks?tag=techno", fan.AccessToken)))["data"]![0]!;
        Assert.That(liked["liked_by_me"]!.GetValue<bool>(), Is.True);
    }

    [TestCase("sort=loud", "sort")]
    [TestCase("user_id=someone", "user_id")]
    [TestCase("limit=101", "limit")]
    [TestCase("page=0", "page")]
    public async Task Bad_list_parameters_answer_400_naming_the_field(string query, string field)
    {
        var me = await UserAsync("dj_nova");
        using var response = await GetAsync("/api/v1/tracks?" + query, me.AccessToken);
        var body = await AssertErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.That(Fields(body), Does.Contain(field));
    }

    [Test]
    public async Task A_profile_list_of_an_unknown_user_is_404()
    {
        var me = await UserAsync("dj_nova");
        using var tracks = await GetAsync($"/api/v1/users/{Guid.NewGuid()}/tracks", me.AccessToken);
        using var likes = await GetAsync($"/api/v1/users/{Guid.NewGuid()}/likes", me.AccessToken);
        await AssertErrorAsync(tracks, HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertErrorAsync(likes, HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Test]
    public async Task The_owner_edits_fields_and_tags_and_the_row_and_tag_counts_follow()
    {
        var owner = await UserAsync("dj_nova");
        var id = await SeedTrackAsync(owner.UserId, new TrackSeed(Tags: ["house", "deep"], Genre: "House", Description: "Old."));
        await SeedTrackAsync(owner.UserId, new TrackSeed("Other", Tags: ["house"]));
        Assert.That(await TagCountAsync("house"), Is.EqualTo(2));

        using var response = await PutAsync($"/api/v1/tracks/{id}",
            new { title = "  New Title ", description = "", tags = new[] { "Deep", "Dub  Techno" }, visibility = "unlisted" }, owner.AccessToken);
        var track = (await OkAsync(response))["data"]!;

        Assert.Multiple(async () =>
        {
            Assert.That(track["title"]!.GetValue<string>(), Is.EqualTo("New Title"));
            Assert.That(track["description"], Is.Null);
            Assert.That(track["genre"]!.GetValue<string>(), Is.EqualTo("House"), "left out: unchanged");
            Assert.That(track["visibility"]!.GetValue<string>(), Is.EqualTo("unlisted"));
            Assert.That(track["tags"]!.AsArray().Select(t => t!.GetValue<string>()), Is.EqualTo(new[] { "deep", "dub techno" }));
            Assert.That(await Database.ScalarAsync<string>("SELECT title || '|' || visibility || '|' || array_to_string(tags, ',') FROM tracks WHERE id = @id", ("id", id)),
                Is.EqualTo("New Title|unlisted|deep,dub techno"));
            Assert.That(await TagCountAsync("house"), Is.EqualTo(1));
            Assert.That(await TagCountAsync("deep"), Is.EqualTo(1));
            Assert.That(await TagCountAsync("dub techno"), Is.EqualTo(1));
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM audit_events WHERE action = 'tracks.edit' AND target = @t", ("t", $"track:{id}")), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Editing_is_the_owners_only_and_refuses_bad_bodies_whole()
    {
        var owner = await UserAsync("dj_nova");
        var other = await UserAsync("other");
        var admin = await AdminAsync();
        var id = await SeedTrackAsync(owner.UserId);
        var priv = await SeedTrackAsync(owner.UserId, new TrackSeed("Secret", Visibility: "private"));

        await AssertErrorAsync(await PutAsync($"/api/v1/tracks/{id}", new { title = "Mine now" }, other.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");
        await AssertErrorAsync(await PutAsync($"/api/v1/tracks/{id}", new { title = "Admin edit" }, admin.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");
        await AssertErrorAsync(await PutAsync($"/api/v1/tracks/{priv}", new { title = "Mine now" }, other.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertErrorAsync(await PutAsync($"/api/v1/tracks/{Guid.NewGuid()}", new { title = "x" }, owner.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");

        foreach (var (body, field) in new (object Body, string Field)[]
                 {
                     (new { title = "x", play_count = 1000 }, "play_count"),
                     (new { owner_id = other.UserId }, "owner_id"),
                     (new { title = "   " }, "title"),
                     (new { visibility = "friends" }, "visibility"),
                     (new { tags = Enumerable.Range(0, 11).Select(i => $"tag{i}").ToArray() }, "tags"),
                     (new { tags = new[] { "no/slashes" } }, "tags"),
                     (new { genre = new string('g', 51) }, "genre"),
                 })
        {
            var error = await AssertErrorAsync(await PutAsync($"/api/v1/tracks/{id}", body, owner.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
            Assert.That(Fields(error), Does.Contain(field));
        }

        Assert.That(await Database.ScalarAsync<string>("SELECT title FROM tracks WHERE id = @id", ("id", id)), Is.EqualTo("Night Drive"));
    }

    [Test]
    public async Task The_waveform_is_served_to_whoever_may_see_the_track_and_404_until_processed()
    {
        var owner = await UserAsync("dj_nova");
        var other = await UserAsync("other");
        var ready = await SeedTrackAsync(owner.UserId);
        var processing = await SeedTrackAsync(owner.UserId, new TrackSeed(Status: "processing"));
        var priv = await SeedTrackAsync(owner.UserId, new TrackSeed(Visibility: "private"));

        using var anonymous = await Client.GetAsync($"/api/v1/tracks/{ready}/waveform");
        var json = JsonNode.Parse(await anonymous.Content.ReadAsStringAsync())!;
        Assert.Multiple(() =>
        {
            Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(anonymous.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/json"));
            Assert.That(json["peaks"]!.AsArray(), Has.Count.EqualTo(2));
        });

        await AssertErrorAsync(await GetAsync($"/api/v1/tracks/{processing}/waveform", owner.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertErrorAsync(await GetAsync($"/api/v1/tracks/{priv}/waveform", other.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertErrorAsync(await Client.GetAsync($"/api/v1/tracks/{priv}/waveform"), HttpStatusCode.NotFound, "NOT_FOUND");
        using var mine = await GetAsync($"/api/v1/tracks/{priv}/waveform", owner.AccessToken);
        Assert.That(mine.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(mine.Headers.CacheControl is { Private: true, NoCache: true, Public: false }, Is.True, "never in a shared cache");
    }

    [Test]
    public async Task Artwork_is_replaced_by_the_owner_served_with_cache_headers_and_the_old_files_are_deleted()
    {
        var owner = await UserAsync("dj_nova");
        var other = await UserAsync("other");
        var id = await SeedTrackAsync(owner.UserId, new TrackSeed(Artwork: true));
        var before = (await OkAsync(await GetAsync($"/api/v1/tracks/{id}", owner.AccessToken)))["data"]!["artwork"]!["version"]!.GetValue<Guid>();
        var bytesBefore = await Database.ScalarAsync<long>("SELECT stored_bytes FROM tracks WHERE id = @id", ("id", id));
        var oldFile = Path.Combine(TrackFolder(id), $"artwork-{before:N}-512.webp");
        Assert.That(File.Exists(oldFile), Is.True);

        await AssertErrorAsync(await UploadArtworkAsync(id, Png, other.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");
        await AssertErrorAsync(await UploadArtworkAsync(id, "not an image"u8.ToArray(), owner.AccessToken), HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE");
        var picture = await TestImages.MakeAsync("jpg", 700, 300, pattern: "smptebars");
        var track = (await OkAsync(await UploadArtworkAsync(id, picture, owner.AccessToken)))["data"]!;
        var version = track["artwork"]!["version"]!.GetValue<Guid>();

        Assert.That(version, Is.Not.EqualTo(before));
        foreach (var size in new[] { 512, 128 })
        {
            using var get = await Client.GetAsync($"/api/v1/tracks/{id}/artwork?size={size}&v={version:N}");
            Assert.That(get.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(get.Content.Headers.ContentType!.MediaType, Is.EqualTo("image/webp"));
            Assert.That(get.Headers.CacheControl!.ToString(), Does.Contain("immutable"));
            Assert.That(await TestImages.ProbeAsync(await get.Content.ReadAsByteArrayAsync()), Is.EqualTo((size, size, "webp")));
        }

        using var conditional = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/tracks/{id}/artwork");
        conditional.Headers.IfNoneMatch.Add(new EntityTagHeaderValue($"\"{version:N}\""));
        using var notModified = await Client.SendAsync(conditional);
        Assert.That(notModified.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
        await AssertErrorAsync(await Client.GetAsync($"/api/v1/tracks/{id}/artwork?size=64"), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.That(await Eventually.TrueAsync(() => Task.FromResult(!File.Exists(oldFile))), Is.True, "the old version's files are deleted by a job");
        var filesOnDisk = new DirectoryInfo(TrackFolder(id)).GetFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
        Assert.That(await Database.ScalarAsync<long>("SELECT stored_bytes FROM tracks WHERE id = @id", ("id", id)), Is.EqualTo(filesOnDisk).And.Not.EqualTo(bytesBefore),
            "the quota counts the new artwork instead of the old");
    }

    [Test]
    public async Task Artwork_of_a_track_without_one_or_of_a_private_track_is_404_for_others()
    {
        var owner = await UserAsync("dj_nova");
        var other = await UserAsync("other");
        var plain = await SeedTrackAsync(owner.UserId);
        var priv = await SeedTrackAsync(owner.UserId, new TrackSeed(Visibility: "private", Artwork: true));

        await AssertErrorAsync(await Client.GetAsync($"/api/v1/tracks/{plain}/artwork"), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertErrorAsync(await Client.GetAsync($"/api/v1/tracks/{priv}/artwork"), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertErrorAsync(await GetAsync($"/api/v1/tracks/{priv}/artwork", other.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        using var mine = await GetAsync($"/api/v1/tracks/{priv}/artwork?size=128", owner.AccessToken);
        Assert.That(mine.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(mine.Headers.CacheControl is { Private: true, NoCache: true, Public: false }, Is.True, "never in a shared cache");
    }

    [Test]
    public async Task Deleting_removes_the_row_likes_and_files_drops_tag_counts_and_frees_the_quota()
    {
        var owner = await UserAsync("dj_nova");
        var fan = await UserAsync("fan");
        var id = await SeedTrackAsync(owner.UserId, new TrackSeed(Tags: ["lofi", "chill"], Artwork: true));
        var kept = await SeedTrackAsync(owner.UserId, new TrackSeed("Kept", Tags: ["chill"]));
        await OkAsync(await PostAsync($"/api/v1/tracks/{id}/like", new { }, fan.AccessToken));
        var keptBytes = await Database.ScalarAsync<long>("SELECT stored_bytes FROM tracks WHERE id = @id", ("id", kept));
        Assert.That(Directory.Exists(TrackFolder(id)), Is.True);

        await AssertErrorAsync(await DeleteAsync($"/api/v1/tracks/{id}", null, fan.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");
        var deleted = (await OkAsync(await DeleteAsync($"/api/v1/tracks/{id}", null, owner.AccessToken)))["data"]!;

        Assert.Multiple(async () =>
        {
            Assert.That(deleted["deleted"]!.GetValue<bool>(), Is.True);
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM tracks WHERE id = @id", ("id", id)), Is.Zero);
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM track_likes WHERE track_id = @id", ("id", id)), Is.Zero);
            Assert.That(await TagCountAsync("lofi"), Is.Zero);
            Assert.That(await TagCountAsync("chill"), Is.EqualTo(1));
            Assert.That(await Database.ScalarAsync<long>("SELECT sum(stored_bytes)::bigint FROM tracks WHERE owner_id = @o", ("o", owner.UserId)), Is.EqualTo(keptBytes), "quota usage");
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM audit_events WHERE action = 'tracks.delete' AND target = @t", ("t", $"track:{id}")), Is.EqualTo(1));
        });
        Assert.That(await Eventually.TrueAsync(() => Task.FromResult(!Directory.Exists(TrackFolder(id)) || Directory.GetFiles(TrackFolder(id), "*", SearchOption.AllDirectories).Length == 0)), Is.True);
        Assert.That(Directory.GetFiles(TrackFolder(kept)), Is.Not.Empty, "another track's files stay");
        await AssertErrorAsync(await GetAsync($"/api/v1/tracks/{id}", owner.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertErrorAsync(await DeleteAsync($"/api/v1/tracks/{id}", null, owner.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Test]
    public async Task Admins_delete_any_track_others_cannot_reach_a_private_one()
    {
        var owner = await UserAsync("dj_nova");
        var other = await UserAsync("other");
        var admin = await AdminAsync();
        var priv = await SeedTrackAsync(owner.UserId, new TrackSeed(Visibility: "private"));

        await AssertErrorAsync(await DeleteAsync($"/api/v1/tracks/{priv}", null, other.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        await OkAsync(await DeleteAsync($"/api/v1/tracks/{priv}", null, admin.AccessToken));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM tracks"), Is.Zero);
    }

    private async Task<HttpResponseMessage> UploadArtworkAsync(Guid trackId, byte[] image, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/tracks/{trackId}/artwork");
        request.Content = new MultipartFormDataContent { { new ByteArrayContent(image), "file", "cover.jpg" } };
        request.Headers.Authorization = new("Bearer", token);
        return await Client.SendAsync(request);
    }
}
