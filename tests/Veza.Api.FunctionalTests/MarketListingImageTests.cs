using System.Net;
using Veza.Testing;
using Veza.TestKit;

namespace Veza.Api.FunctionalTests;

/// <summary>A listing's pictures over HTTP, with the real ffmpeg and filesystem: upload, serving, metadata, limits, order and access.</summary>
public sealed class MarketListingImageTests : MarketListingTestBase
{
    private static byte[] _wide = null!;
    private static byte[] _jpegWithGps = null!;
    private static byte[] _tiny = null!;

    private Tokens _seller = null!;
    private Tokens _other = null!;

    [OneTimeSetUp]
    public async Task MakeImages()
    {
        _wide = await TestImages.MakeAsync("png", 300, 150);
        _jpegWithGps = await TestImages.MakeAsync("jpg", 1200, 600, withMetadata: true);
        _tiny = await TestImages.MakeAsync("png", 48, 32);
    }

    [SetUp]
    public async Task TwoUsers()
    {
        _seller = await UserAsync("dj_nova");
        _other = await UserAsync("bass_bob");
    }

    [Test]
    public async Task A_png_and_a_jpeg_answer_201_with_their_urls_and_are_served_as_webp_whole_never_cropped_nor_enlarged()
    {
        var id = await CreateListingAsync(_seller, ListingBody());

        using var png = await UploadImageAsync(id, _wide, "wide.png", _seller.AccessToken, "image/png");
        using var jpeg = await UploadImageAsync(id, _jpegWithGps, "photo.jpg", _seller.AccessToken, "image/jpeg");

        var first = await BodyAsync(png);
        var second = await BodyAsync(jpeg);
        Assert.That(png.StatusCode, Is.EqualTo(HttpStatusCode.Created), first.ToJsonString());
        Assert.That(jpeg.StatusCode, Is.EqualTo(HttpStatusCode.Created), second.ToJsonString());
        var pngId = first["data"]!["id"]!.GetValue<Guid>();
        var jpegId = second["data"]!["id"]!.GetValue<Guid>();
        Assert.Multiple(async () =>
        {
            Assert.That(png.Headers.Location!.ToString(), Is.EqualTo($"/api/v1/listings/{id}/images/{pngId}?size=1600"));
            Assert.That(first["data"]!["url"]!.GetValue<string>(), Is.EqualTo($"/api/v1/listings/{id}/images/{pngId}?size=1600"));
            Assert.That(first["data"]!["thumbnail_url"]!.GetValue<string>(), Is.EqualTo($"/api/v1/listings/{id}/images/{pngId}?size=400"));
            Assert.That((first["data"]!["position"]!.GetValue<int>(), first["data"]!["width"]!.GetValue<int>(), first["data"]!["height"]!.GetValue<int>()), Is.EqualTo((0, 300, 150)));
            Assert.That((second["data"]!["position"]!.GetValue<int>(), second["data"]!["width"]!.GetValue<int>(), second["data"]!["height"]!.GetValue<int>()), Is.EqualTo((1, 1200, 600)));
            Assert.That(await Database.ScalarsAsync<string>("SELECT position || ':' || width || 'x' || height FROM listing_images WHERE listing_id = @id ORDER BY position", ("id", id)),
                Is.EqualTo(new[] { "0:300x150", "1:1200x600" }));
        });

        var expected = new (Guid Image, int Size, int Width, int Height)[]
        {
            (pngId, 1600, 300, 150), (pngId, 400, 300, 150), (jpegId, 1600, 1200, 600), (jpegId, 400, 400, 200),
        };
        foreach (var (image, size, width, height) in expected)
        {
            using var get = await Client.GetAsync($"/api/v1/listings/{id}/images/{image}?size={size}");
            var bytes = await get.Content.ReadAsByteArrayAsync();
            Assert.That(get.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"{image} at {size}");
            Assert.That(get.Content.Headers.ContentType!.MediaType, Is.EqualTo("image/webp"));
            Assert.That(get.Headers.CacheControl!.ToString(), Does.Contain("max-age=31536000"));
            Assert.That(await TestImages.ProbeAsync(bytes), Is.EqualTo((width, height, "webp")), $"{image} at {size}: whole and in proportion");
        }

        using var defaultSize = await Client.GetAsync($"/api/v1/listings/{id}/images/{jpegId}");
        Assert.That(await TestImages.ProbeAsync(await defaultSize.Content.ReadAsByteArrayAsync()), Is.EqualTo((1200, 600, "webp")), "1600 by default");
        using var badSize = await Client.GetAsync($"/api/v1/listings/{id}/images/{jpegId}?size=800");
        Assert.That(Fields(await AssertErrorAsync(badSize, HttpStatusCode.BadRequest, "VALIDATION_ERROR")), Is.EqualTo(new[] { "size" }));
        await AssertErrorAsync(await Client.GetAsync($"/api/v1/listings/{id}/images/{Guid.NewGuid()}"), HttpStatusCode.NotFound, "NOT_FOUND");

        var detail = await OkDataAsync(await GetAsync($"/api/v1/listings/{id}"));
        var market = await PageAsync(await GetAsync("/api/v1/listings"));
        Assert.Multiple(() =>
        {
            Assert.That(detail["images"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>()), Is.EqualTo(new[] { pngId, jpegId }));
            Assert.That(detail["listing"]!["cover_url"]!.GetValue<string>(), Is.EqualTo($"/api/v1/listings/{id}/images/{pngId}?size=400"));
            Assert.That(market["data"]![0]!["cover_url"]!.GetValue<string>(), Is.EqualTo($"/api/v1/listings/{id}/images/{pngId}?size=400"));
        });
    }

    [Test]
    public async Task No_exif_or_gps_from_the_upload_is_ever_served()
    {
        var id = await CreateListingAsync(_seller, ListingBody());
        Assume.That((await TestImages.TagsAsync(_jpegWithGps)).Keys, Has.Some.Contains("GPS"));
        var image = await UploadOkAsync(id, _jpegWithGps);

        foreach (var size in new[] { 1600, 400 })
        {
            var bytes = await Client.GetByteArrayAsync($"/api/v1/listings/{id}/images/{image}?size={size}");
            var tags = await TestImages.TagsAsync(bytes);
            Assert.That(tags.Keys.Where(k => !k.StartsWith("RIFF:", StringComparison.Ordinal)), Is.Empty, string.Join(", ", tags.Keys));
            Assert.That(System.Text.Encoding.Latin1.GetString(bytes), Does.Not.Contain("Nova Secret").And.Not.Contain("TestCam"));
        }

        var stored = Directory.GetFiles(Path.Combine(StorageRoot, "listings", id.ToString("N")));
        Assert.That(stored.Select(Path.GetFileName), Is.EquivalentTo(new[] { $"{image:N}-1600.webp", $"{image:N}-400.webp" }));
        foreach (var file in stored)
        {
            Assert.That(System.Text.Encoding.Latin1.GetString(await File.ReadAllBytesAsync(file)), Does.Not.Contain("Nova Secret").And.Not.Contain("TestCam"), file);
        }
    }

    [Test]
    public async Task An_eighth_picture_is_the_last_and_a_ninth_is_422()
    {
        var id = await CreateListingAsync(_seller, ListingBody());
        for (var i = 0; i < 8; i++)
        {
            await UploadOkAsync(id, _tiny);
        }

        using var ninth = await UploadImageAsync(id, _tiny, "ninth.png", _seller.AccessToken);

        await AssertErrorAsync(ninth, HttpStatusCode.UnprocessableEntity, "INVALID_STATE");
        Assert.That(await Database.ScalarsAsync<int>("SELECT position FROM listing_images WHERE listing_id = @id ORDER BY position", ("id", id)),
            Is.EqualTo(Enumerable.Range(0, 8)));
        Assert.That(Directory.GetFiles(Path.Combine(StorageRoot, "listings", id.ToString("N"))), Has.Length.EqualTo(16));
    }

    [Test]
    public async Task Two_uploads_racing_for_the_last_place_leave_eight_pictures_in_eight_places()
    {
        var id = await CreateListingAsync(_seller, ListingBody());
        for (var i = 0; i < 7; i++)
        {
            await UploadOkAsync(id, _tiny);
        }

        var racing = await Task.WhenAll(
            UploadImageAsync(id, _tiny, "a.png", _seller.AccessToken),
            UploadImageAsync(id, _tiny, "b.png", _seller.AccessToken));
        var statuses = racing.Select(r => (int)r.StatusCode).Order().ToArray();
        foreach (var response in racing)
        {
            response.Dispose();
        }

        Assert.Multiple(async () =>
        {
            Assert.That(statuses[0], Is.EqualTo(201), string.Join(",", statuses));
            Assert.That(statuses[1], Is.EqualTo(409).Or.EqualTo(422), string.Join(",", statuses));
            Assert.That(await Database.ScalarsAsync<int>("SELECT position FROM listing_images WHERE listing_id = @id ORDER BY position", ("id", id)),
                Is.EqualTo(Enumerable.Range(0, 8)));
        });
    }

    [Test]
    public async Task What_is_not_a_png_jpeg_or_webp_image_is_415_and_a_missing_file_400()
    {
        var id = await CreateListingAsync(_seller, ListingBody());
        var gif = await TestImages.MakeAsync("gif", 64, 64);

        using var text = await UploadImageAsync(id, "hello, I am not an image\n"u8.ToArray(), "photo.png", _seller.AccessToken, "image/png");
        using var gifResponse = await UploadImageAsync(id, gif, "photo.png", _seller.AccessToken, "image/png");
        using var truncated = await UploadImageAsync(id, _wide[..(_wide.Length / 3)], "photo.png", _seller.AccessToken, "image/png");
        using var form = new MultipartFormDataContent { { new StringContent("x"), "other" } };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/listings/{id}/images") { Content = form };
        request.Headers.Authorization = new("Bearer", _seller.AccessToken);
        using var noFile = await Client.SendAsync(request);

        await AssertErrorAsync(text, HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE");
        await AssertErrorAsync(gifResponse, HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE");
        await AssertErrorAsync(truncated, HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE");
        Assert.That(Fields(await AssertErrorAsync(noFile, HttpStatusCode.BadRequest, "VALIDATION_ERROR")), Is.EqualTo(new[] { "file" }));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM listing_images"), Is.Zero);
    }

    [Test]
    public async Task Removing_a_picture_moves_the_next_ones_up_and_its_files_go()
    {
        var id = await CreateListingAsync(_seller, ListingBody());
        var a = await UploadOkAsync(id, _tiny);
        var b = await UploadOkAsync(id, _wide);
        var c = await UploadOkAsync(id, _tiny);

        var left = await OkDataAsync(await DeleteAsync($"/api/v1/listings/{id}/images/{b}", _seller.AccessToken));

        Assert.Multiple(async () =>
        {
            Assert.That(left.AsArray().Select(i => (i!["id"]!.GetValue<Guid>(), i["position"]!.GetValue<int>())), Is.EqualTo(new[] { (a, 0), (c, 1) }));
            Assert.That(await Database.ScalarsAsync<Guid>("SELECT id FROM listing_images WHERE listing_id = @id ORDER BY position", ("id", id)), Is.EqualTo(new[] { a, c }));
            Assert.That(await Database.ScalarsAsync<int>("SELECT position FROM listing_images WHERE listing_id = @id ORDER BY position", ("id", id)), Is.EqualTo(new[] { 0, 1 }));
        });
        await AssertErrorAsync(await Client.GetAsync($"/api/v1/listings/{id}/images/{b}"), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertErrorAsync(await DeleteAsync($"/api/v1/listings/{id}/images/{b}", _seller.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.That(await Eventually.TrueAsync(() => Task.FromResult(
                !Directory.GetFiles(Path.Combine(StorageRoot, "listings", id.ToString("N"))).Any(f => Path.GetFileName(f).StartsWith(b.ToString("N"), StringComparison.Ordinal)))),
            Is.True, "the removed picture's files are deleted");
        Assert.That(Directory.GetFiles(Path.Combine(StorageRoot, "listings", id.ToString("N"))), Has.Length.EqualTo(4), "the others' stay");

        var cover = await OkDataAsync(await GetAsync($"/api/v1/listings/{id}"));
        Assert.That(cover["listing"]!["cover_url"]!.GetValue<string>(), Does.Contain(a.ToString()));
    }

    [Test]
    public async Task Reordering_takes_exactly_the_listings_pictures_each_once_else_400_and_nothing_changes()
    {
        var id = await CreateListingAsync(_seller, ListingBody());
        var a = await UploadOkAsync(id, _tiny);
        var b = await UploadOkAsync(id, _tiny);
        var c = await UploadOkAsync(id, _tiny);
        var elsewhere = await CreateListingAsync(_seller, ListingBody("Another listing"));
        var foreign = await UploadOkAsync(elsewhere, _tiny);

        foreach (var ids in new Guid[][] { [c, a], [c, a, a], [c, a, b, a], [c, a, foreign], [c, a, Guid.NewGuid()], [] })
        {
            using var bad = await PutAsync($"/api/v1/listings/{id}/images/order", new { image_ids = ids }, _seller.AccessToken);
            Assert.That(Fields(await AssertErrorAsync(bad, HttpStatusCode.BadRequest, "VALIDATION_ERROR")), Is.EqualTo(new[] { "image_ids" }), string.Join(",", ids));
        }

        using var missing = await PutAsync($"/api/v1/listings/{id}/images/order", new { }, _seller.AccessToken);
        Assert.That(Fields(await AssertErrorAsync(missing, HttpStatusCode.BadRequest, "VALIDATION_ERROR")), Is.EqualTo(new[] { "image_ids" }));
        Assert.That(await Database.ScalarsAsync<Guid>("SELECT id FROM listing_images WHERE listing_id = @id ORDER BY position", ("id", id)), Is.EqualTo(new[] { a, b, c }));

        var ordered = await OkDataAsync(await PutAsync($"/api/v1/listings/{id}/images/order", new { image_ids = new[] { c, a, b } }, _seller.AccessToken));

        Assert.Multiple(async () =>
        {
            Assert.That(ordered.AsArray().Select(i => (i!["id"]!.GetValue<Guid>(), i["position"]!.GetValue<int>())), Is.EqualTo(new[] { (c, 0), (a, 1), (b, 2) }));
            Assert.That(await Database.ScalarsAsync<Guid>("SELECT id FROM listing_images WHERE listing_id = @id ORDER BY position", ("id", id)), Is.EqualTo(new[] { c, a, b }));
            var detail = await OkDataAsync(await GetAsync($"/api/v1/listings/{id}"));
            Assert.That(detail["images"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>()), Is.EqualTo(new[] { c, a, b }));
            Assert.That(detail["listing"]!["cover_url"]!.GetValue<string>(), Is.EqualTo($"/api/v1/listings/{id}/images/{c}?size=400"), "the first is the cover");
        });
    }

    [Test]
    public async Task Someone_elses_listing_pictures_are_403_a_hidden_draft_404_and_anonymous_callers_401()
    {
        var id = await CreateListingAsync(_seller, ListingBody());
        var draft = await CreateListingAsync(_seller, ListingBody("Unfinished", status: "draft"));
        var image = await UploadOkAsync(id, _tiny);
        var draftImage = await UploadOkAsync(draft, _tiny);

        using var upload = await UploadImageAsync(id, _tiny, "mine.png", _other.AccessToken);
        using var uploadToDraft = await UploadImageAsync(draft, _tiny, "mine.png", _other.AccessToken);
        using var anonymous = await UploadImageAsync(id, _tiny, "mine.png", null);
        await AssertErrorAsync(upload, HttpStatusCode.Forbidden, "FORBIDDEN");
        await AssertErrorAsync(uploadToDraft, HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertErrorAsync(anonymous, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await AssertErrorAsync(await DeleteAsync($"/api/v1/listings/{id}/images/{image}", _other.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");
        await AssertErrorAsync(await PutAsync($"/api/v1/listings/{id}/images/order", new { image_ids = new[] { image } }, _other.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");
        await AssertErrorAsync(await Client.GetAsync($"/api/v1/listings/{draft}/images/{draftImage}"), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertErrorAsync(await GetAsync($"/api/v1/listings/{draft}/images/{draftImage}", _other.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertErrorAsync(await Client.GetAsync($"/api/v1/listings/{draft}/images/{image}"), HttpStatusCode.NotFound, "NOT_FOUND");

        using var own = await GetAsync($"/api/v1/listings/{draft}/images/{draftImage}", _seller.AccessToken);
        Assert.That(own.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the seller sees their draft's pictures");
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM listing_images"), Is.EqualTo(2));
    }

    [TestCase("sold")]
    [TestCase("archived")]
    public async Task A_sold_or_archived_listings_pictures_never_change(string status)
    {
        var id = await CreateListingAsync(_seller, ListingBody());
        var a = await UploadOkAsync(id, _tiny);
        var b = await UploadOkAsync(id, _tiny);
        await SqlAsync("UPDATE listings SET status = @s, expires_at = NULL WHERE id = @id", ("s", status), ("id", id));

        using var upload = await UploadImageAsync(id, _tiny, "late.png", _seller.AccessToken);
        await AssertErrorAsync(upload, HttpStatusCode.UnprocessableEntity, "INVALID_STATE");
        await AssertErrorAsync(await DeleteAsync($"/api/v1/listings/{id}/images/{a}", _seller.AccessToken), HttpStatusCode.UnprocessableEntity, "INVALID_STATE");
        await AssertErrorAsync(await PutAsync($"/api/v1/listings/{id}/images/order", new { image_ids = new[] { b, a } }, _seller.AccessToken), HttpStatusCode.UnprocessableEntity, "INVALID_STATE");

        Assert.That(await Database.ScalarsAsync<Guid>("SELECT id FROM listing_images WHERE listing_id = @id ORDER BY position", ("id", id)), Is.EqualTo(new[] { a, b }));
    }

    [Test]
    public async Task Deleting_a_listing_takes_its_pictures_files_away()
    {
        var id = await CreateListingAsync(_seller, ListingBody());
        await UploadOkAsync(id, _tiny);
        await UploadOkAsync(id, _tiny);
        Assert.That(Directory.GetFiles(Path.Combine(StorageRoot, "listings", id.ToString("N"))), Has.Length.EqualTo(4));

        Assert.That((await OkDataAsync(await DeleteAsync($"/api/v1/listings/{id}", _seller.AccessToken)))["deleted"]!.GetValue<bool>(), Is.True);

        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM listing_images"), Is.Zero);
        var folder = Path.Combine(StorageRoot, "listings", id.ToString("N"));
        Assert.That(await Eventually.TrueAsync(() => Task.FromResult(!Directory.Exists(folder) || Directory.GetFiles(folder).Length == 0)), Is.True, "the cleanup job deleted the files");
    }

    private async Task<Guid> UploadOkAsync(Guid listingId, byte[] image)
    {
        using var response = await UploadImageAsync(listingId, image, "photo.img", _seller.AccessToken);
        var body = await BodyAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToJsonString());
        return body["data"]!["id"]!.GetValue<Guid>();
    }
}
