using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Veza.Testing;
using Veza.TestKit;

namespace Veza.Api.FunctionalTests;

/// <summary>PUT/DELETE /users/me/avatar and GET /users/{id}/avatar over HTTP, with the real ffmpeg and filesystem.</summary>
public class AvatarTests : ApiTestBase
{
    private static readonly string StorageRoot = Path.Combine(Path.GetTempPath(), "veza-avatar-tests-" + Guid.NewGuid().ToString("N"));

    private static byte[] _png = null!;
    private static byte[] _jpegWithGps = null!;
    private static byte[] _webp = null!;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Storage:Root"] = StorageRoot,
        ["Jobs:PollInterval"] = "00:00:00.100",
    };

    [OneTimeSetUp]
    public async Task MakeImages()
    {
        _png = await TestImages.MakeAsync("png", 640, 480);
        _jpegWithGps = await TestImages.MakeAsync("jpg", 800, 600, withMetadata: true);
        _webp = await TestImages.MakeAsync("webp", 300, 500);
    }

    [OneTimeTearDown]
    public void DeleteStorage()
    {
        if (Directory.Exists(StorageRoot))
        {
            Directory.Delete(StorageRoot, recursive: true);
        }
    }

    [TestCase("png")]
    [TestCase("jpg")]
    [TestCase("webp")]
    public async Task An_image_upload_answers_the_avatar_urls_and_both_sizes_are_served_square(string kind)
    {
        var me = await RegisterAsync();
        var image = kind switch { "png" => _png, "jpg" => _jpegWithGps, _ => _webp };

        using var response = await UploadAsync(image, $"me.{kind}", me.AccessToken);
        var body = await BodyAsync(response);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
        var data = body["data"]!;
        var version = data["version"]!.GetValue<Guid>();
        Assert.Multiple(() =>
        {
            Assert.That(data["user_id"]!.GetValue<Guid>(), Is.EqualTo(me.UserId));
            Assert.That(data["url"]!.GetValue<string>(), Is.EqualTo($"/api/v1/users/{me.UserId}/avatar?size=512&v={version:N}"));
            Assert.That(data["images"]!.AsArray().Select(i => i!["size"]!.GetValue<int>()), Is.EqualTo(new[] { 512, 128 }));
        });

        foreach (var size in new[] { 512, 128 })
        {
            using var get = await Client.GetAsync($"/api/v1/users/{me.UserId}/avatar?size={size}");
            var bytes = await get.Content.ReadAsByteArrayAsync();
            Assert.That(get.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(get.Content.Headers.ContentType!.MediaType, Is.EqualTo("image/webp"));
            Assert.That(await TestImages.ProbeAsync(bytes), Is.EqualTo((size, size, "webp")));
        }
    }

    [Test]
    public async Task No_exif_or_gps_from_the_upload_is_ever_served()
    {
        var me = await RegisterAsync();
        Assume.That((await TestImages.TagsAsync(_jpegWithGps)).Keys, Has.Some.Contains("GPS"));
        using (var upload = await UploadAsync(_jpegWithGps, "holiday.jpg", me.AccessToken))
        {
            Assert.That(upload.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        foreach (var size in new[] { 512, 128 })
        {
            var bytes = await Client.GetByteArrayAsync($"/api/v1/users/{me.UserId}/avatar?size={size}");
            var tags = await TestImages.TagsAsync(bytes);
            Assert.That(tags.Keys.Where(k => !k.StartsWith("RIFF:", StringComparison.Ordinal)), Is.Empty, string.Join(", ", tags.Keys));
            Assert.That(System.Text.Encoding.Latin1.GetString(bytes), Does.Not.Contain("Nova Secret").And.Not.Contain("TestCam"));
        }
    }

    [Test]
    public async Task Get_answers_etag_and_cache_headers_and_304_on_if_none_match_to_anyone()
    {
        var me = await RegisterAsync();
        var version = await UploadOkAsync(_png, me.AccessToken);

        // Anonymous: no Authorization header at all.
        using var plain = await Client.GetAsync($"/api/v1/users/{me.UserId}/avatar");
        using var pinned = await Client.GetAsync($"/api/v1/users/{me.UserId}/avatar?size=128&v={version:N}");
        using var conditional = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/users/{me.UserId}/avatar?size=128&v={version:N}");
        conditional.Headers.IfNoneMatch.Add(new EntityTagHeaderValue($"\"{version:N}\""));
        using var notModified = await Client.SendAsync(conditional);
        using var stale = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/users/{me.UserId}/avatar?size=128");
        stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue($"\"{Guid.NewGuid():N}\""));
        using var changed = await Client.SendAsync(stale);

        Assert.Multiple(async () =>
        {
            Assert.That(plain.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(plain.Headers.ETag!.Tag, Is.EqualTo($"\"{version:N}\""));
            Assert.That(plain.Headers.CacheControl!.ToString(), Is.EqualTo("public, no-cache"));
            Assert.That(plain.Content.Headers.ContentLength, Is.GreaterThan(0));
            Assert.That(pinned.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(pinned.Headers.CacheControl!.ToString(), Does.Contain("public").And.Contain("max-age=31536000").And.Contain("immutable"));
            Assert.That(notModified.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
            Assert.That(notModified.Headers.ETag!.Tag, Is.EqualTo($"\"{version:N}\""));
            Assert.That(await notModified.Content.ReadAsByteArrayAsync(), Is.Empty);
            Assert.That(changed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task A_text_file_named_png_is_refused_with_415()
    {
        var me = await RegisterAsync();

        using var response = await UploadAsync("hello, I am not an image\n"u8.ToArray(), "avatar.png", me.AccessToken, "image/png");

        await AssertErrorAsync(response, HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE");
    }

    [Test]
    public async Task A_forged_or_truncated_image_is_refused_with_415()
    {
        var me = await RegisterAsync();
        var forged = "\x89PNG\r\n\x1a\n"u8.ToArray().Concat("only text after the signature"u8.ToArray()).ToArray();

        using var forgedResponse = await UploadAsync(forged, "avatar.png", me.AccessToken);
        using var truncatedResponse = await UploadAsync(_png[..(_png.Length / 3)], "avatar.png", me.AccessToken);

        await AssertErrorAsync(forgedResponse, HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE");
        await AssertErrorAsync(truncatedResponse, HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE");
    }

    [Test]
    public async Task A_gif_is_not_accepted_whatever_its_name()
    {
        var me = await RegisterAsync();
        var gif = await TestImages.MakeAsync("gif", 64, 64);

        using var response = await UploadAsync(gif, "avatar.png", me.AccessToken, "image/png");

        await AssertErrorAsync(response, HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE");
    }

    [Test]
    public async Task A_file_over_5_mb_is_refused_with_413()
    {
        var me = await RegisterAsync();
        var justOver = new byte[(5 * 1024 * 1024) + 1];
        _png.AsSpan(0, 64).CopyTo(justOver);
        var wayOver = new byte[8 * 1024 * 1024];
        _png.AsSpan(0, 64).CopyTo(wayOver);

        using var overFile = await UploadAsync(justOver, "big.png", me.AccessToken);
        using var overBody = await UploadAsync(wayOver, "huge.png", me.AccessToken);

        await AssertErrorAsync(overFile, HttpStatusCode.RequestEntityTooLarge, "PAYLOAD_TOO_LARGE");
        await AssertErrorAsync(overBody, HttpStatusCode.RequestEntityTooLarge, "PAYLOAD_TOO_LARGE");
    }

    [Test]
    public async Task A_decompression_bomb_is_refused_with_400_on_the_file_field()
    {
        var me = await RegisterAsync();
        var bomb = await TestImages.MakeAsync("png", 10000, 10000, pattern: "color");

        using var response = await UploadAsync(bomb, "bomb.png", me.AccessToken);

        var body = await AssertErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.That(body["error"]!["details"]![0]!["field"]!.GetValue<string>(), Is.EqualTo("file"));
    }

    [Test]
    public async Task A_missing_file_field_or_a_json_body_is_refused()
    {
        var me = await RegisterAsync();
        using var form = new MultipartFormDataContent { { new StringContent("x"), "other" } };
        using var noFile = await SendWithTokenAsync(HttpMethod.Put, "/api/v1/users/me/avatar", form, me.AccessToken);
        using var json = await PutAsync("/api/v1/users/me/avatar", new { file = "x" }, me.AccessToken);

        await AssertErrorAsync(noFile, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await AssertErrorAsync(json, HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE");
    }

    [Test]
    public async Task Delete_removes_the_avatar_its_urls_answer_404_and_its_files_go()
    {
        var me = await RegisterAsync();
        var version = await UploadOkAsync(_png, me.AccessToken);

        using var delete = await SendWithTokenAsync(HttpMethod.Delete, "/api/v1/users/me/avatar", null, me.AccessToken);
        using var again = await SendWithTokenAsync(HttpMethod.Delete, "/api/v1/users/me/avatar", null, me.AccessToken);
        using var get = await Client.GetAsync($"/api/v1/users/{me.UserId}/avatar?size=512&v={version:N}");

        Assert.Multiple(async () =>
        {
            Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((await BodyAsync(delete))["data"]!["removed"]!.GetValue<bool>(), Is.True);
            Assert.That((await BodyAsync(again))["data"]!["removed"]!.GetValue<bool>(), Is.False, "idempotent");
        });
        await AssertErrorAsync(get, HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.That(await Eventually.TrueAsync(() => Task.FromResult(UserFiles(me.UserId).Length == 0)), Is.True, "the cleanup job deleted the files");
    }

    [Test]
    public async Task A_replacement_serves_the_new_version_and_the_old_files_are_cleaned_up()
    {
        var me = await RegisterAsync();
        var first = await UploadOkAsync(_png, me.AccessToken);
        var second = await UploadOkAsync(_webp, me.AccessToken);

        using var get = await Client.GetAsync($"/api/v1/users/{me.UserId}/avatar?size=128");

        Assert.Multiple(() =>
        {
            Assert.That(second, Is.Not.EqualTo(first));
            Assert.That(get.Headers.ETag!.Tag, Is.EqualTo($"\"{second:N}\""));
        });
        Assert.That(await Eventually.TrueAsync(() => Task.FromResult(UserFiles(me.UserId).Length == 2)), Is.True, string.Join(", ", UserFiles(me.UserId)));
        Assert.That(UserFiles(me.UserId).Select(Path.GetFileName), Is.All.StartWith($"{second:N}-"));
    }

    [Test]
    public async Task Anyone_without_an_avatar_and_a_bad_size_get_the_documented_errors()
    {
        var me = await RegisterAsync();
        await UploadOkAsync(_png, me.AccessToken);

        using var none = await Client.GetAsync($"/api/v1/users/{Guid.NewGuid()}/avatar");
        using var badSize = await Client.GetAsync($"/api/v1/users/{me.UserId}/avatar?size=300");
        using var notNumber = await Client.GetAsync($"/api/v1/users/{me.UserId}/avatar?size=big");

        await AssertErrorAsync(none, HttpStatusCode.NotFound, "NOT_FOUND");
        var body = await AssertErrorAsync(badSize, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.That(body["error"]!["details"]![0]!["field"]!.GetValue<string>(), Is.EqualTo("size"));
        await AssertErrorAsync(notNumber, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Test]
    public async Task Only_the_owner_changes_an_avatar_anonymous_callers_are_refused()
    {
        var owner = await RegisterAsync();
        var other = await RegisterAsync("dj_echo", "echo@example.com");
        var version = await UploadOkAsync(_png, owner.AccessToken);

        using var anonymousUpload = await UploadAsync(_png, "a.png", accessToken: null);
        using var anonymousDelete = await Client.DeleteAsync("/api/v1/users/me/avatar");
        // The routes act on the caller only: another user's delete removes nothing of the owner's.
        using var otherDelete = await SendWithTokenAsync(HttpMethod.Delete, "/api/v1/users/me/avatar", null, other.AccessToken);
        using var ownerStill = await Client.GetAsync($"/api/v1/users/{owner.UserId}/avatar");
        using var noSuchRoute = await SendWithTokenAsync(HttpMethod.Delete, $"/api/v1/users/{owner.UserId}/avatar", null, other.AccessToken);

        await AssertErrorAsync(anonymousUpload, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await AssertErrorAsync(anonymousDelete, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        Assert.Multiple(async () =>
        {
            Assert.That((await BodyAsync(otherDelete))["data"]!["removed"]!.GetValue<bool>(), Is.False);
            Assert.That(ownerStill.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(ownerStill.Headers.ETag!.Tag, Is.EqualTo($"\"{version:N}\""));
            Assert.That((int)noSuchRoute.StatusCode, Is.EqualTo(405).Or.EqualTo(404));
        });
    }

    [Test]
    public async Task Swagger_documents_the_multipart_upload_and_its_errors()
    {
        var document = JsonNode.Parse(await Client.GetStringAsync("/swagger/v1/swagger.json"))!;
        var put = document["paths"]!["/api/v1/users/me/avatar"]!["put"]!;
        var get = document["paths"]!["/api/v1/users/{id}/avatar"]!["get"]!;

        var multipart = put["requestBody"]!["content"]!["multipart/form-data"]!["schema"]!;
        Assert.Multiple(() =>
        {
            Assert.That(multipart.ToJsonString(), Does.Contain("\"file\"").And.Contain("binary"));
            Assert.That(put["responses"]!.AsObject().Select(p => p.Key), Is.SupersetOf(new[] { "200", "400", "401", "413", "415" }));
            Assert.That(get["responses"]!.AsObject().Select(p => p.Key), Is.SupersetOf(new[] { "200", "304", "400", "404" }));
            Assert.That(get["responses"]!["200"]!["content"]!.AsObject().Select(p => p.Key), Does.Contain("image/webp"));
        });
    }

    [Test]
    public async Task Deleting_the_account_takes_the_avatar_and_its_files_away()
    {
        var me = await RegisterAsync();
        await UploadOkAsync(_png, me.AccessToken);
        Assert.That(UserFiles(me.UserId), Is.Not.Empty);

        using var deleted = await SendWithTokenAsync(HttpMethod.Delete, "/api/v1/users/me", System.Net.Http.Json.JsonContent.Create(new { password = Password }), me.AccessToken);
        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.OK), await deleted.Content.ReadAsStringAsync());

        // A consumer of users.deleted removes the row, then a job the files.
        Assert.That(await Eventually.TrueAsync(async () =>
        {
            using var avatar = await Client.GetAsync($"/api/v1/users/{me.UserId}/avatar?size=128");
            return avatar.StatusCode == HttpStatusCode.NotFound && UserFiles(me.UserId).Length == 0;
        }), Is.True);
    }

    private string[] UserFiles(Guid userId)
    {
        var directory = Path.Combine(StorageRoot, "avatars", userId.ToString("N"));
        return Directory.Exists(directory) ? Directory.GetFiles(directory) : [];
    }

    private async Task<Guid> UploadOkAsync(byte[] image, string accessToken)
    {
        using var response = await UploadAsync(image, "me.img", accessToken);
        var body = await BodyAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
        return body["data"]!["version"]!.GetValue<Guid>();
    }

    private Task<HttpResponseMessage> UploadAsync(byte[] bytes, string fileName, string? accessToken, string contentType = "application/octet-stream")
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        var form = new MultipartFormDataContent { { file, "file", fileName } };
        return SendWithTokenAsync(HttpMethod.Put, "/api/v1/users/me/avatar", form, accessToken);
    }

    private async Task<HttpResponseMessage> SendWithTokenAsync(HttpMethod method, string path, HttpContent? content, string? accessToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        return await Client.SendAsync(request);
    }
}
