using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Veza.Testing;
using Veza.TestKit;

namespace Veza.Api.FunctionalTests;

/// <summary>
/// The files of people's gear and the catalog's documents over HTTP, with the real filesystem storage, ffmpeg
/// (thumbnails) and pdfinfo (page counts): what is accepted and how it is stored, what is refused and that nothing
/// is left of it, how a file is downloaded, who may see or change it, the storage quota, renaming and deleting.
/// </summary>
public class GearFileTests : GearFileTestBase
{
    private const long MaxFileBytes = 10L * 1024 * 1024;

    private static readonly Dictionary<string, (byte[] Bytes, int Width, int Height)> Images = [];
    private static readonly byte[] TwoPages = Pdf(2);
    private static readonly byte[] Text = "Serial: SN-1\nBought at the shop on the corner, 2 years warranty.\nRécépissé n° 42\n"u8.ToArray();

    private Tokens _admin = null!;
    private Tokens _owner = null!;
    private Tokens _other = null!;
    private Guid _product;
    private Guid _entry;

    [OneTimeSetUp]
    public async Task MakeImages()
    {
        Images["png"] = (await TestImages.MakeAsync("png", 640, 480), 640, 480);
        Images["jpg"] = (await TestImages.MakeAsync("jpg", 480, 800, withMetadata: true), 480, 800);
        Images["webp"] = (await TestImages.MakeAsync("webp", 300, 500), 300, 500);
        Images["small"] = (await TestImages.MakeAsync("png", 100, 60), 100, 60);
        Images["gif"] = (await TestImages.MakeAsync("gif", 64, 64), 64, 64);
    }

    [SetUp]
    public async Task OwnerWithAnEntry()
    {
        _admin = await UserWithRoleAsync("admin_ana", "admin");
        _owner = await RegisterAsync();
        _other = await RegisterAsync("dj_echo", "echo@example.com");
        _product = await CreateProductAsync(_admin);
        _entry = await RecordGearAsync(_owner, _product);
    }

    // Accepted files.

    [Test]
    public async Task A_two_page_pdf_is_201_application_pdf_with_its_page_count_and_stored_byte_for_byte()
    {
        using var response = await UploadAsync(_entry, TwoPages, "Invoice 2025.pdf", "invoice", _owner.AccessToken);

        var body = await BodyAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToJsonString());
        var data = body["data"]!;
        var id = data["id"]!.GetValue<Guid>();
        Assert.Multiple(async () =>
        {
            Assert.That(response.Headers.Location!.ToString(), Is.EqualTo($"/api/v1/files/{id}"));
            Assert.That(data["type"]!.GetValue<string>(), Is.EqualTo("invoice"));
            Assert.That(data["file_name"]!.GetValue<string>(), Is.EqualTo("Invoice 2025.pdf"));
            Assert.That(data["content_type"]!.GetValue<string>(), Is.EqualTo("application/pdf"));
            Assert.That(data["bytes"]!.GetValue<long>(), Is.EqualTo(TwoPages.Length));
            Assert.That(data["page_count"]!.GetValue<int>(), Is.EqualTo(2));
            Assert.That(data["user_product_id"]!.GetValue<Guid>(), Is.EqualTo(_entry));
            Assert.That(data["product_id"], Is.Null);
            Assert.That(data["download_url"]!.GetValue<string>(), Is.EqualTo($"/api/v1/files/{id}/download"));
            Assert.That(data["thumbnail_url"], Is.Null);
            Assert.That(await File.ReadAllBytesAsync(StoredPath(id)), Is.EqualTo(TwoPages));
            Assert.That(StoredFiles(), Has.Length.EqualTo(1), "the original only: no thumbnail for a PDF");
            Assert.That(await Database.ScalarAsync<string>(
                "SELECT owner_id || ' ' || user_product_id || ' ' || format || ' ' || page_count || ' ' || bytes || ' ' || storage_key FROM gear_files WHERE id = @id", ("id", id)),
                Is.EqualTo($"{_owner.UserId} {_entry} pdf 2 {TwoPages.Length} files/{id:N}/original"));
        });

        using var get = await GetAsync($"/api/v1/files/{id}", _owner.AccessToken);
        var got = await BodyAsync(get);
        Assert.That(get.StatusCode, Is.EqualTo(HttpStatusCode.OK), got.ToJsonString());
        var again = got["data"]!.AsObject();
        Assert.Multiple(() =>
        {
            foreach (var (field, value) in data.AsObject())
            {
                if (field is "created_at" or "updated_at")
                {
                    // The database keeps microseconds: the 201 may carry a tenth of one more.
                    Assert.That(DateTimeOffset.Parse(again[field]!.GetValue<string>()), Is.EqualTo(DateTimeOffset.Parse(value!.GetValue<string>())).Within(TimeSpan.FromMicroseconds(1)), field);
                }
                else
                {
                    Assert.That(again[field]?.ToJsonString(), Is.EqualTo(value?.ToJsonString()), $"GET /files/{{id}} answers the same {field}");
                }
            }

            Assert.That(again.Select(p => p.Key), Is.EquivalentTo(data.AsObject().Select(p => p.Key)));
        });
    }

    [Test]
    public async Task A_damaged_pdf_is_accepted_with_an_unknown_page_count()
    {
        var damaged = "%PDF-1.4\nno objects, no cross-reference table\n"u8.ToArray();

        var data = await UploadOkAsync(_entry, damaged, "broken.pdf", _owner.AccessToken, "manual");

        Assert.Multiple(() =>
        {
            Assert.That(data["content_type"]!.GetValue<string>(), Is.EqualTo("application/pdf"));
            Assert.That(data["page_count"], Is.Null);
        });
    }

    [TestCase("png", "image/png", 256, 192)]
    [TestCase("jpg", "image/jpeg", 154, 256)]
    [TestCase("webp", "image/webp", 154, 256)]
    [TestCase("small", "image/png", 100, 60)]
    public async Task An_image_gets_a_webp_thumbnail_at_most_256_px_on_the_long_side_with_its_proportions_kept(string kind, string contentType, int width, int height)
    {
        var (bytes, sourceWidth, sourceHeight) = Images[kind];

        var data = await UploadOkAsync(_entry, bytes, "photo.img", _owner.AccessToken, "image");
        var id = data["id"]!.GetValue<Guid>();

        Assert.Multiple(() =>
        {
            Assert.That(data["content_type"]!.GetValue<string>(), Is.EqualTo(contentType));
            Assert.That(data["thumbnail_url"]!.GetValue<string>(), Is.EqualTo($"/api/v1/files/{id}/thumbnail"));
            Assert.That(data["page_count"], Is.Null);
        });
        using var thumbnail = await GetAsync($"/api/v1/files/{id}/thumbnail", _owner.AccessToken);
        var thumbBytes = await thumbnail.Content.ReadAsByteArrayAsync();
        Assert.That(thumbnail.StatusCode, Is.EqualTo(HttpStatusCode.OK), Encoding.UTF8.GetString(thumbBytes));
        var (w, h, codec) = await TestImages.ProbeAsync(thumbBytes);
        Assert.Multiple(async () =>
        {
            Assert.That(thumbnail.Content.Headers.ContentType!.MediaType, Is.EqualTo("image/webp"));
            Assert.That(thumbnail.Headers.GetValues("X-Content-Type-Options"), Is.EqualTo(new[] { "nosniff" }));
            Assert.That(thumbnail.Content.Headers.ContentDisposition, Is.Null, "shown inline, not downloaded");
            Assert.That(codec, Is.EqualTo("webp"));
            Assert.That(Math.Max(w, h), Is.EqualTo(Math.Min(256, Math.Max(sourceWidth, sourceHeight))), $"{w}x{h}: 256 px on the long side, never enlarged");
            Assert.That(w, Is.EqualTo(width).Within(1), $"{w}x{h} from {sourceWidth}x{sourceHeight}");
            Assert.That(h, Is.EqualTo(height).Within(1), $"{w}x{h} from {sourceWidth}x{sourceHeight}");
            Assert.That(await File.ReadAllBytesAsync(StoredPath(id, "thumb-256.webp")), Is.EqualTo(thumbBytes));
            Assert.That(await File.ReadAllBytesAsync(StoredPath(id)), Is.EqualTo(bytes), "the original is kept as sent");
            Assert.That(await Database.ScalarAsync<string>("SELECT thumbnail_key FROM gear_files WHERE id = @id", ("id", id)), Is.EqualTo($"files/{id:N}/thumb-256.webp"));
        });
    }

    [Test]
    public async Task The_thumbnail_carries_no_exif_or_gps_from_the_photo()
    {
        var jpeg = Images["jpg"].Bytes;
        Assume.That((await TestImages.TagsAsync(jpeg)).Keys, Has.Some.Contains("GPS"));
        var data = await UploadOkAsync(_entry, jpeg, "holiday.jpg", _owner.AccessToken, "image");

        var thumbnail = await (await GetAsync(data["thumbnail_url"]!.GetValue<string>(), _owner.AccessToken)).Content.ReadAsByteArrayAsync();

        var tags = await TestImages.TagsAsync(thumbnail);
        Assert.That(tags.Keys.Where(k => !k.StartsWith("RIFF:", StringComparison.Ordinal)), Is.Empty, string.Join(", ", tags.Keys));
    }

    [Test]
    public async Task Plain_text_is_stored_as_text_plain_with_no_thumbnail_and_no_page_count()
    {
        var data = await UploadOkAsync(_entry, Text, "notes.md", _owner.AccessToken, "document");
        var id = data["id"]!.GetValue<Guid>();

        using var download = await GetAsync($"/api/v1/files/{id}/download", _owner.AccessToken);
        using var thumbnail = await GetAsync($"/api/v1/files/{id}/thumbnail", _owner.AccessToken);

        Assert.Multiple(async () =>
        {
            Assert.That(data["content_type"]!.GetValue<string>(), Does.StartWith("text/plain"));
            Assert.That(data["file_name"]!.GetValue<string>(), Is.EqualTo("notes.txt"), "the extension is what the bytes are");
            Assert.That(data["thumbnail_url"], Is.Null);
            Assert.That(data["page_count"], Is.Null);
            Assert.That(download.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/plain"));
            Assert.That(await download.Content.ReadAsByteArrayAsync(), Is.EqualTo(Text));
        });
        await AssertErrorAsync(thumbnail, HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Test]
    public async Task A_file_of_exactly_10_mb_is_accepted()
    {
        var text = Enumerable.Repeat((byte)'a', (int)MaxFileBytes).ToArray();

        var data = await UploadOkAsync(_entry, text, "big.txt", _owner.AccessToken);

        Assert.That(data["bytes"]!.GetValue<long>(), Is.EqualTo(MaxFileBytes));
        Assert.That(new FileInfo(StoredPath(data["id"]!.GetValue<Guid>())).Length, Is.EqualTo(MaxFileBytes));
    }

    [Test]
    public async Task An_entrys_files_are_listed_oldest_first_for_its_owner_only()
    {
        var first = await UploadOkAsync(_entry, TwoPages, "a.pdf", _owner.AccessToken, "invoice");
        var second = await UploadOkAsync(_entry, Images["png"].Bytes, "b.png", _owner.AccessToken, "image");
        var third = await UploadOkAsync(_entry, Text, "c.txt", _owner.AccessToken, "warranty");

        using var list = await GetAsync($"/api/v1/user-products/{_entry}/files", _owner.AccessToken);
        using var theirs = await GetAsync($"/api/v1/user-products/{_entry}/files", _other.AccessToken);
        using var anonymous = await GetAsync($"/api/v1/user-products/{_entry}/files");

        var data = await OkDataAsync(list);
        Assert.That(data.AsArray().Select(f => f!["id"]!.GetValue<Guid>()),
            Is.EqualTo(new[] { first, second, third }.Select(f => f["id"]!.GetValue<Guid>())));
        Assert.That(data.AsArray().Select(f => f!["file_name"]!.GetValue<string>()), Is.EqualTo(new[] { "a.pdf", "b.png", "c.txt" }));
        await AssertErrorAsync(theirs, HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertErrorAsync(anonymous, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    // Hostile or invalid uploads.

    private static IEnumerable<TestCaseData> Refused()
    {
        yield return new TestCaseData("<!DOCTYPE html>\n<html><body><script>alert(document.cookie)</script></body></html>\n"u8.ToArray(), "manual.pdf", "application/pdf")
            .SetArgDisplayNames("html named pdf");
        yield return new TestCaseData("<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><rect width=\"10\" height=\"10\"/></svg>\n"u8.ToArray(), "logo.svg", "image/svg+xml")
            .SetArgDisplayNames("svg");
        yield return new TestCaseData(new byte[] { 0xEF, 0xBB, 0xBF }.Concat(" \r\n\t<svg xmlns=\"http://www.w3.org/2000/svg\"/>"u8.ToArray()).ToArray(), "notes.txt", "text/plain")
            .SetArgDisplayNames("svg behind a bom and blanks named txt");
        yield return new TestCaseData(Zip(), "manual.pdf", "application/pdf").SetArgDisplayNames("zip named pdf");
        yield return new TestCaseData(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }.Concat("only text after the signature"u8.ToArray()).ToArray(), "photo.png", "image/png")
            .SetArgDisplayNames("forged png");
        yield return new TestCaseData(new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, 0, 0, 0, 0 }, "invoice.pdf", "application/pdf").SetArgDisplayNames("elf binary");
    }

    [TestCaseSource(nameof(Refused))]
    public async Task Markup_archives_and_forged_files_are_415_whatever_their_name_and_nothing_is_stored(byte[] bytes, string fileName, string declaredType)
    {
        using var response = await UploadAsync(_entry, bytes, fileName, "manual", _owner.AccessToken, declaredType);

        await AssertErrorAsync(response, HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE");
        await AssertNothingStoredAsync();
    }

    [Test]
    public async Task A_gif_is_415()
    {
        using var response = await UploadAsync(_entry, Images["gif"].Bytes, "anim.png", "image", _owner.AccessToken, "image/png");

        await AssertErrorAsync(response, HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE");
        await AssertNothingStoredAsync();
    }

    [Test]
    public async Task An_empty_file_is_400_on_the_file_and_nothing_is_stored()
    {
        using var response = await UploadAsync(_entry, [], "empty.pdf", "manual", _owner.AccessToken);

        var body = await AssertErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.That(Details(body).Select(d => d.Field), Is.EqualTo(new[] { "file" }));
        await AssertNothingStoredAsync();
    }

    [Test]
    public async Task A_file_over_10_mb_is_413_and_nothing_is_stored()
    {
        var justOver = new byte[MaxFileBytes + 1];
        TwoPages.CopyTo(justOver, 0);

        using var response = await UploadAsync(_entry, justOver, "huge.pdf", "manual", _owner.AccessToken);

        await AssertErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, "PAYLOAD_TOO_LARGE");
        await AssertNothingStoredAsync();
    }

    [Test]
    public async Task A_missing_or_unknown_type_or_a_missing_file_is_400_on_that_field_and_nothing_is_stored()
    {
        using var noType = await UploadAsync(_entry, TwoPages, "a.pdf", type: null, _owner.AccessToken);
        using var badType = await UploadAsync(_entry, TwoPages, "a.pdf", "receipt", _owner.AccessToken);
        using var noFile = await UploadAsync(_entry, bytes: null, "a.pdf", "manual", _owner.AccessToken);

        Assert.That(Details(await AssertErrorAsync(noType, HttpStatusCode.BadRequest, "VALIDATION_ERROR")).Select(d => d.Field), Is.EqualTo(new[] { "type" }));
        Assert.That(Details(await AssertErrorAsync(badType, HttpStatusCode.BadRequest, "VALIDATION_ERROR")).Select(d => d.Field), Is.EqualTo(new[] { "type" }));
        Assert.That(Details(await AssertErrorAsync(noFile, HttpStatusCode.BadRequest, "VALIDATION_ERROR")).Select(d => d.Field), Is.EqualTo(new[] { "file" }));
        await AssertNothingStoredAsync();
    }

    // Downloads.

    [Test]
    public async Task A_name_with_line_breaks_and_tabs_is_sanitised_not_refused()
    {
        // As documented for the upload: "The name is sanitised (no path, quotes or control characters ...)".
        using var response = await UploadAsync(_entry, TwoPages, "ré\"sumé\nof\r\n2025\t.pdf", "manual", _owner.AccessToken);

        var body = await BodyAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToJsonString());
        var id = body["data"]!["id"]!.GetValue<Guid>();
        using var download = await GetAsync($"/api/v1/files/{id}/download", _owner.AccessToken);
        Assert.Multiple(() =>
        {
            Assert.That(body["data"]!["file_name"]!.GetValue<string>(), Is.EqualTo("ré_sumé_of__2025_.pdf"));
            Assert.That(FileNameOf(download), Is.EqualTo("ré_sumé_of__2025_.pdf"));
            Assert.That(RawContentDisposition(download), Does.Not.Contain("\n").And.Not.Contain("\r").And.Not.Contain("\t"));
        });
    }

    [Test]
    public async Task Download_is_an_attachment_of_the_stored_type_with_a_sanitised_utf8_filename_and_nosniff()
    {
        var data = await UploadOkAsync(_entry, TwoPages, "ré\"sumé\"of.pdf", _owner.AccessToken);
        var id = data["id"]!.GetValue<Guid>();

        using var download = await GetAsync($"/api/v1/files/{id}/download", _owner.AccessToken);

        var raw = RawContentDisposition(download);
        Assert.Multiple(async () =>
        {
            Assert.That(data["file_name"]!.GetValue<string>(), Is.EqualTo("ré_sumé_of.pdf"));
            Assert.That(download.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await download.Content.ReadAsByteArrayAsync(), Is.EqualTo(TwoPages));
            Assert.That(download.Content.Headers.ContentType!.ToString(), Is.EqualTo("application/pdf"));
            Assert.That(download.Headers.GetValues("X-Content-Type-Options"), Is.EqualTo(new[] { "nosniff" }));
            Assert.That(download.Content.Headers.ContentDisposition!.DispositionType, Is.EqualTo("attachment"));
            Assert.That(download.Content.Headers.ContentDisposition.FileNameStar, Is.EqualTo("ré_sumé_of.pdf"));
            Assert.That(raw, Does.Contain("filename*=UTF-8''r%C3%A9_sum%C3%A9_of.pdf"));
            Assert.That(raw, Does.Not.Contain("\n").And.Not.Contain("\r").And.Not.Contain("é"));
            Assert.That(raw, Does.Match("""^attachment; filename=("?)[^"\\]*\1; filename\*=UTF-8''[A-Za-z0-9%._~-]+$"""), "no raw quote inside the plain filename");
        });
    }

    [Test]
    public async Task The_extension_follows_the_bytes_a_pdf_named_html_downloads_as_pdf()
    {
        var pdf = await UploadOkAsync(_entry, TwoPages, "x.html", _owner.AccessToken);
        var png = await UploadOkAsync(_entry, Images["png"].Bytes, "../../etc/photo.pdf", _owner.AccessToken);
        var noName = await UploadOkAsync(_entry, Images["webp"].Bytes, "...", _owner.AccessToken);

        using var download = await GetAsync(pdf["download_url"]!.GetValue<string>(), _owner.AccessToken);

        Assert.Multiple(() =>
        {
            Assert.That(pdf["file_name"]!.GetValue<string>(), Is.EqualTo("x.pdf"));
            Assert.That(pdf["content_type"]!.GetValue<string>(), Is.EqualTo("application/pdf"));
            Assert.That(FileNameOf(download), Is.EqualTo("x.pdf"));
            Assert.That(download.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/pdf"));
            Assert.That(png["file_name"]!.GetValue<string>(), Is.EqualTo("photo.png"), "no path, the extension of a PNG");
            Assert.That(noName["file_name"]!.GetValue<string>(), Is.EqualTo("file.webp"));
            Assert.That(StoredFiles().Select(f => Path.GetRelativePath(FilesDir, f)), Has.None.Contain("photo").And.None.Contain("html").And.None.Contain(".."),
                "names are never storage keys");
        });
    }

    [Test]
    public async Task A_very_long_name_is_cut_to_200_characters_without_splitting_a_character()
    {
        // 301 UTF-16 code units before the extension: cut at 196, the last emoji would lose its low surrogate.
        var name = "a" + string.Concat(Enumerable.Repeat("😀", 150)) + ".pdf";

        using var response = await UploadAsync(_entry, TwoPages, name, "manual", _owner.AccessToken);

        var body = await BodyAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created),
            $"{body.ToJsonString()} (left behind: {await FileRowsAsync()} rows, {StoredFiles().Length} stored files)");
        var stored = body["data"]!["file_name"]!.GetValue<string>();
        Assert.Multiple(() =>
        {
            Assert.That(stored, Does.StartWith("a😀😀").And.EndWith(".pdf"));
            Assert.That(stored.Length, Is.LessThanOrEqualTo(200));
            Assert.That(() => new UTF8Encoding(false, true).GetBytes(stored), Throws.Nothing, "no lone surrogate (half an emoji)");
            Assert.That(stored, Does.Not.Contain("\uFFFD"));
        });
    }

    [Test]
    public async Task A_long_rename_is_cut_to_200_characters_without_splitting_a_character()
    {
        var data = await UploadOkAsync(_entry, TwoPages, "scan.pdf", _owner.AccessToken);

        // 199 UTF-16 code units (the validator's limit is 200): cut at 196 for ".pdf", the last emoji would be split.
        using var response = await PutAsync($"/api/v1/files/{data["id"]}", new { filename = "a" + string.Concat(Enumerable.Repeat("😀", 99)) }, _owner.AccessToken);

        var body = await BodyAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
        var stored = body["data"]!["file_name"]!.GetValue<string>();
        Assert.Multiple(() =>
        {
            Assert.That(stored, Does.StartWith("a😀😀").And.EndWith(".pdf"));
            Assert.That(stored.Length, Is.LessThanOrEqualTo(200));
            Assert.That(() => new UTF8Encoding(false, true).GetBytes(stored), Throws.Nothing, "no lone surrogate (half an emoji)");
        });
    }

    [Test]
    public async Task Download_answers_an_etag_304_on_if_none_match_and_206_on_a_range()
    {
        var data = await UploadOkAsync(_entry, TwoPages, "manual.pdf", _owner.AccessToken);
        var url = data["download_url"]!.GetValue<string>();
        using var first = await GetAsync(url, _owner.AccessToken);
        var etag = first.Headers.ETag!;

        using var notModified = await SendWithTokenAsync(HttpMethod.Get, url, _owner.AccessToken, r => r.Headers.IfNoneMatch.Add(etag));
        using var otherTag = await SendWithTokenAsync(HttpMethod.Get, url, _owner.AccessToken, r => r.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"another\"")));
        using var partial = await SendWithTokenAsync(HttpMethod.Get, url, _owner.AccessToken, r => r.Headers.TryAddWithoutValidation("Range", "bytes=0-9"));

        Assert.Multiple(async () =>
        {
            Assert.That(first.Headers.AcceptRanges, Does.Contain("bytes"));
            Assert.That(notModified.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
            Assert.That(notModified.Headers.ETag, Is.EqualTo(etag));
            Assert.That(await notModified.Content.ReadAsByteArrayAsync(), Is.Empty);
            Assert.That(otherTag.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(partial.StatusCode, Is.EqualTo(HttpStatusCode.PartialContent));
            Assert.That(partial.Content.Headers.ContentRange!.ToString(), Is.EqualTo($"bytes 0-9/{TwoPages.Length}"));
            Assert.That(await partial.Content.ReadAsByteArrayAsync(), Is.EqualTo(TwoPages[..10]));
            Assert.That(partial.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/pdf"));
            Assert.That(partial.Headers.GetValues("X-Content-Type-Options"), Is.EqualTo(new[] { "nosniff" }));
        });

        using (var past = await SendWithTokenAsync(HttpMethod.Get, url, _owner.AccessToken, r => r.Headers.TryAddWithoutValidation("Range", $"bytes={TwoPages.Length}-")))
        {
            Assert.That(past.StatusCode, Is.EqualTo(HttpStatusCode.RequestedRangeNotSatisfiable));
            Assert.That(past.Content.Headers.ContentRange!.ToString(), Is.EqualTo($"bytes */{TwoPages.Length}"));
        }

        // A rename is a new version of what is downloaded (its name): the old tag no longer matches.
        using (var rename = await PutAsync($"/api/v1/files/{data["id"]}", new { filename = "renamed.pdf" }, _owner.AccessToken))
        {
            Assert.That(rename.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        using var afterRename = await SendWithTokenAsync(HttpMethod.Get, url, _owner.AccessToken, r => r.Headers.IfNoneMatch.Add(etag));
        Assert.That(afterRename.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(FileNameOf(afterRename), Is.EqualTo("renamed.pdf"));
    }

    // Who sees what.

    [Test]
    public async Task Another_users_file_is_404_on_every_route_and_stays_untouched()
    {
        var data = await UploadOkAsync(_entry, Images["png"].Bytes, "mine.png", _owner.AccessToken, "image");
        var id = data["id"]!.GetValue<Guid>();

        using var get = await GetAsync($"/api/v1/files/{id}", _other.AccessToken);
        using var download = await GetAsync($"/api/v1/files/{id}/download", _other.AccessToken);
        using var thumbnail = await GetAsync($"/api/v1/files/{id}/thumbnail", _other.AccessToken);
        using var put = await PutAsync($"/api/v1/files/{id}", new { type = "invoice", filename = "stolen.png" }, _other.AccessToken);
        using var delete = await SendWithTokenAsync(HttpMethod.Delete, $"/api/v1/files/{id}", _other.AccessToken);
        using var unknown = await GetAsync($"/api/v1/files/{Guid.NewGuid()}", _other.AccessToken);

        var messages = new List<string>();
        foreach (var response in new[] { get, download, thumbnail, put, delete, unknown })
        {
            messages.Add((await AssertErrorAsync(response, HttpStatusCode.NotFound, "NOT_FOUND"))["error"]!["message"]!.GetValue<string>());
        }

        Assert.Multiple(async () =>
        {
            Assert.That(messages[0], Is.EqualTo(messages[^1]), "someone else's file reads as an unknown one");
            Assert.That(await Database.ScalarAsync<string>("SELECT type || ' ' || file_name FROM gear_files WHERE id = @id", ("id", id)), Is.EqualTo("image mine.png"));
            Assert.That(StoredFiles(), Has.Length.EqualTo(2));
        });
        await Task.Delay(500);
        Assert.That(StoredFiles(), Has.Length.EqualTo(2), "no deletion job ran for it");
    }

    [Test]
    public async Task Uploading_to_another_users_or_an_unknown_entry_is_404_and_nothing_is_stored()
    {
        using var theirs = await UploadAsync(_entry, TwoPages, "a.pdf", "manual", _other.AccessToken);
        using var unknown = await UploadAsync(Guid.NewGuid(), TwoPages, "a.pdf", "manual", _owner.AccessToken);

        await AssertErrorAsync(theirs, HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertErrorAsync(unknown, HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertNothingStoredAsync();
    }

    [Test]
    public async Task Anonymous_callers_get_404_for_a_users_file_and_401_for_writes()
    {
        var data = await UploadOkAsync(_entry, Images["png"].Bytes, "mine.png", _owner.AccessToken, "image");
        var id = data["id"]!.GetValue<Guid>();

        await AssertErrorAsync(await Client.GetAsync($"/api/v1/files/{id}"), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertErrorAsync(await Client.GetAsync($"/api/v1/files/{id}/download"), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertErrorAsync(await Client.GetAsync($"/api/v1/files/{id}/thumbnail"), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertErrorAsync(await PutAsync($"/api/v1/files/{id}", new { filename = "x.png" }), HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await AssertErrorAsync(await Client.DeleteAsync($"/api/v1/files/{id}"), HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await AssertErrorAsync(await UploadAsync(_entry, TwoPages, "a.pdf", "manual", accessToken: null), HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        Assert.That(await FileRowsAsync(), Is.EqualTo(1));
    }

    [Test]
    public async Task A_catalog_document_is_readable_and_downloadable_by_anyone_including_anonymous_callers()
    {
        using var upload = await PostFileAsync($"/api/v1/admin/products/{_product}/documents", TwoPages, "Scarlett user guide.pdf", type: null, _admin.AccessToken);
        var body = await BodyAsync(upload);
        Assert.That(upload.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToJsonString());
        var document = body["data"]!;
        var id = document["id"]!.GetValue<Guid>();

        using var anonymousGet = await Client.GetAsync($"/api/v1/files/{id}");
        using var anonymousDownload = await Client.GetAsync($"/api/v1/files/{id}/download");
        using var userDownload = await GetAsync($"/api/v1/files/{id}/download", _other.AccessToken);
        using var listed = await Client.GetAsync($"/api/v1/products/{_product}/documents");

        Assert.Multiple(async () =>
        {
            Assert.That(upload.Headers.Location!.ToString(), Is.EqualTo($"/api/v1/files/{id}/download"));
            Assert.That(document["type"]!.GetValue<string>(), Is.EqualTo("manual"), "the default type");
            Assert.That(document["product_id"]!.GetValue<Guid>(), Is.EqualTo(_product));
            Assert.That(document["user_product_id"], Is.Null);
            Assert.That(document["page_count"]!.GetValue<int>(), Is.EqualTo(2));
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM gear_files WHERE id = @id AND owner_id IS NULL AND product_id = @p", ("id", id), ("p", _product)), Is.EqualTo(1));
            Assert.That(anonymousGet.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(anonymousDownload.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await anonymousDownload.Content.ReadAsByteArrayAsync(), Is.EqualTo(TwoPages));
            Assert.That(FileNameOf(anonymousDownload), Is.EqualTo("Scarlett user guide.pdf"));
            Assert.That(anonymousDownload.Headers.GetValues("X-Content-Type-Options"), Is.EqualTo(new[] { "nosniff" }));
            Assert.That(userDownload.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((await OkDataAsync(listed)).AsArray().Select(d => d!["id"]!.GetValue<Guid>()), Is.EqualTo(new[] { id }));
        });

        // A catalog document is nobody's own file: it counts in no quota, and only admins rename it (others may read it, so 403 tells them nothing new).
        using var quota = await GetAsync("/api/v1/users/me/quota", _admin.AccessToken);
        Assert.That((await OkDataAsync(quota))["used_bytes"]!.GetValue<long>(), Is.Zero);
        await AssertErrorAsync(await PutAsync($"/api/v1/files/{id}", new { filename = "mine.pdf" }, _other.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");
        var renamed = await OkDataAsync(await PutAsync($"/api/v1/files/{id}", new { filename = "Scarlett guide (EN).pdf" }, _admin.AccessToken));
        Assert.That(renamed["file_name"]!.GetValue<string>(), Is.EqualTo("Scarlett guide (EN).pdf"));
    }

    [Test]
    public async Task Only_admins_add_or_delete_catalog_documents()
    {
        using var byUser = await PostFileAsync($"/api/v1/admin/products/{_product}/documents", TwoPages, "guide.pdf", "manual", _owner.AccessToken);
        await AssertErrorAsync(byUser, HttpStatusCode.Forbidden, "FORBIDDEN");
        await AssertNothingStoredAsync();
        using var unknownProduct = await PostFileAsync($"/api/v1/admin/products/{Guid.NewGuid()}/documents", TwoPages, "guide.pdf", "manual", _admin.AccessToken);
        await AssertErrorAsync(unknownProduct, HttpStatusCode.NotFound, "NOT_FOUND");
        using var html = await PostFileAsync($"/api/v1/admin/products/{_product}/documents", "<html><body>manual</body></html>"u8.ToArray(), "guide.pdf", "manual", _admin.AccessToken);
        await AssertErrorAsync(html, HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE");
        await AssertNothingStoredAsync();

        using var upload = await PostFileAsync($"/api/v1/admin/products/{_product}/documents", Images["png"].Bytes, "front panel.png", "image", _admin.AccessToken);
        Assert.That(upload.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var id = (await BodyAsync(upload))["data"]!["id"]!.GetValue<Guid>();
        Assert.That(StoredFiles(), Has.Length.EqualTo(2), "original and thumbnail");
        using (var thumbnail = await Client.GetAsync($"/api/v1/files/{id}/thumbnail"))
        {
            Assert.That(thumbnail.StatusCode, Is.EqualTo(HttpStatusCode.OK), "anyone sees a catalog image's thumbnail");
            Assert.That(thumbnail.Content.Headers.ContentType!.MediaType, Is.EqualTo("image/webp"));
        }

        using var deleteByUser = await SendWithTokenAsync(HttpMethod.Delete, $"/api/v1/files/{id}", _owner.AccessToken);
        await AssertErrorAsync(deleteByUser, HttpStatusCode.Forbidden, "FORBIDDEN");
        Assert.That(await FileRowsAsync(), Is.EqualTo(1));

        using var deleteByAdmin = await SendWithTokenAsync(HttpMethod.Delete, $"/api/v1/files/{id}", _admin.AccessToken);
        Assert.That(deleteByAdmin.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(await FileRowsAsync(), Is.Zero);
        await AssertErrorAsync(await Client.GetAsync($"/api/v1/files/{id}/download"), HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.That(await Eventually.TrueAsync(() => Task.FromResult(StoredFiles().Length == 0)), Is.True, string.Join(", ", StoredFiles()));
    }

    // Quota.

    [Test]
    public async Task Gear_files_count_in_the_owners_quota_usage()
    {
        await UploadOkAsync(_entry, TwoPages, "a.pdf", _owner.AccessToken);
        await UploadOkAsync(_entry, Images["png"].Bytes, "b.png", _owner.AccessToken);

        using var mine = await GetAsync("/api/v1/users/me/quota", _owner.AccessToken);
        using var theirs = await GetAsync("/api/v1/users/me/quota", _other.AccessToken);

        var quota = await OkDataAsync(mine);
        Assert.Multiple(async () =>
        {
            Assert.That(quota["used_bytes"]!.GetValue<long>(), Is.EqualTo(TwoPages.Length + Images["png"].Bytes.Length));
            Assert.That(quota["remaining_bytes"]!.GetValue<long>(), Is.EqualTo(quota["limit_bytes"]!.GetValue<long>() - TwoPages.Length - Images["png"].Bytes.Length));
            Assert.That(quota["track_count"]!.GetValue<int>(), Is.Zero);
            Assert.That((await OkDataAsync(theirs))["used_bytes"]!.GetValue<long>(), Is.Zero);
        });
    }

    [Test]
    public async Task An_upload_over_the_quota_is_413_quota_exceeded_and_nothing_of_it_is_stored()
    {
        var first = Enumerable.Repeat((byte)'a', 1000).ToArray();
        await UploadOkAsync(_entry, first, "first.txt", _owner.AccessToken);
        using (var put = await PutSettingsAsync(new { upload_quota_bytes = new { free = 1500 } }, _admin.AccessToken))
        {
            Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK), await put.Content.ReadAsStringAsync());
        }

        using var over = await UploadAsync(_entry, Enumerable.Repeat((byte)'b', 501).ToArray(), "over.txt", "document", _owner.AccessToken);

        var body = await AssertErrorAsync(over, HttpStatusCode.RequestEntityTooLarge, "QUOTA_EXCEEDED");
        Assert.Multiple(async () =>
        {
            Assert.That(Details(body), Is.EqualTo(new[] { ("used_bytes", "1000"), ("limit_bytes", "1500") }));
            Assert.That(await FileRowsAsync(), Is.EqualTo(1));
            Assert.That(StoredFiles(), Has.Length.EqualTo(1));
        });

        // What the quota leaves, to the byte, still fits.
        await UploadOkAsync(_entry, Enumerable.Repeat((byte)'c', 500).ToArray(), "fits.txt", _owner.AccessToken);
        using var full = await GetAsync("/api/v1/users/me/quota", _owner.AccessToken);
        Assert.That((await OkDataAsync(full))["remaining_bytes"]!.GetValue<long>(), Is.Zero);
    }

    // Changes.

    [Test]
    public async Task Put_renames_with_the_name_sanitised_and_the_extension_kept_and_retypes()
    {
        var data = await UploadOkAsync(_entry, TwoPages, "scan.pdf", _owner.AccessToken, "document");
        var id = data["id"]!.GetValue<Guid>();

        using var renamed = await PutAsync($"/api/v1/files/{id}", new { type = "warranty", filename = "../Warranty \"card\"\u202Eexe.html" }, _owner.AccessToken);
        var updated = await OkDataAsync(renamed);
        using var retyped = await PutAsync($"/api/v1/files/{id}", new { type = "invoice" }, _owner.AccessToken);
        var retypedData = await OkDataAsync(retyped);
        using var download = await GetAsync($"/api/v1/files/{id}/download", _owner.AccessToken);

        Assert.Multiple(async () =>
        {
            Assert.That(updated["type"]!.GetValue<string>(), Is.EqualTo("warranty"));
            Assert.That(updated["file_name"]!.GetValue<string>(), Is.EqualTo("Warranty _card__exe.pdf"));
            Assert.That(DateTimeOffset.Parse(updated["updated_at"]!.GetValue<string>()), Is.GreaterThan(DateTimeOffset.Parse(data["updated_at"]!.GetValue<string>())));
            Assert.That(retypedData["type"]!.GetValue<string>(), Is.EqualTo("invoice"));
            Assert.That(retypedData["file_name"]!.GetValue<string>(), Is.EqualTo("Warranty _card__exe.pdf"), "a field left out stays");
            Assert.That(await Database.ScalarAsync<string>("SELECT type || '|' || file_name || '|' || content_type FROM gear_files WHERE id = @id", ("id", id)),
                Is.EqualTo("invoice|Warranty _card__exe.pdf|application/pdf"));
            Assert.That(FileNameOf(download), Is.EqualTo("Warranty _card__exe.pdf"));
            Assert.That(await File.ReadAllBytesAsync(StoredPath(id)), Is.EqualTo(TwoPages), "the bytes stay where they were");
        });
    }

    [Test]
    public async Task Put_with_an_unknown_type_or_an_unknown_field_is_400_and_changes_nothing()
    {
        var data = await UploadOkAsync(_entry, TwoPages, "scan.pdf", _owner.AccessToken, "document");
        var id = data["id"]!.GetValue<Guid>();

        using var badType = await PutAsync($"/api/v1/files/{id}", new { type = "receipt" }, _owner.AccessToken);
        using var unknown = await PutAsync($"/api/v1/files/{id}", new { file_name = "x.pdf" }, _owner.AccessToken);
        using var unknownFile = await PutAsync($"/api/v1/files/{Guid.NewGuid()}", new { type = "invoice" }, _owner.AccessToken);

        Assert.That(Details(await AssertErrorAsync(badType, HttpStatusCode.BadRequest, "VALIDATION_ERROR")).Select(d => d.Field), Is.EqualTo(new[] { "type" }));
        Assert.That(Details(await AssertErrorAsync(unknown, HttpStatusCode.BadRequest, "VALIDATION_ERROR")).Select(d => d.Field), Is.EqualTo(new[] { "file_name" }));
        await AssertErrorAsync(unknownFile, HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.That(await Database.ScalarAsync<string>("SELECT type || '|' || file_name FROM gear_files WHERE id = @id", ("id", id)), Is.EqualTo("document|scan.pdf"));
    }

    [Test]
    public async Task Put_with_an_empty_or_overlong_filename_is_400_on_the_filename_field_and_changes_nothing()
    {
        var data = await UploadOkAsync(_entry, TwoPages, "scan.pdf", _owner.AccessToken, "document");
        var id = data["id"]!.GetValue<Guid>();

        using var empty = await PutAsync($"/api/v1/files/{id}", new { filename = "   " }, _owner.AccessToken);
        using var overlong = await PutAsync($"/api/v1/files/{id}", new { filename = new string('x', 201) }, _owner.AccessToken);

        var emptyBody = await AssertErrorAsync(empty, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        var overlongBody = await AssertErrorAsync(overlong, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Multiple(async () =>
        {
            // The body's field is "filename" ("file_name" is refused there as unknown): the error must name it so.
            Assert.That(Details(emptyBody).Select(d => d.Field), Is.EqualTo(new[] { "filename" }));
            Assert.That(Details(overlongBody).Select(d => d.Field), Is.EqualTo(new[] { "filename" }));
            Assert.That(await Database.ScalarAsync<string>("SELECT type || '|' || file_name FROM gear_files WHERE id = @id", ("id", id)), Is.EqualTo("document|scan.pdf"));
        });
    }

    [Test]
    public async Task Delete_removes_the_row_then_the_job_removes_the_stored_bytes_and_the_quota_is_freed()
    {
        var keep = await UploadOkAsync(_entry, TwoPages, "keep.pdf", _owner.AccessToken);
        var data = await UploadOkAsync(_entry, Images["png"].Bytes, "photo.png", _owner.AccessToken, "image");
        var id = data["id"]!.GetValue<Guid>();
        Assert.That(File.Exists(StoredPath(id)) && File.Exists(StoredPath(id, "thumb-256.webp")), Is.True);

        using var delete = await SendWithTokenAsync(HttpMethod.Delete, $"/api/v1/files/{id}", _owner.AccessToken);
        Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await delete.Content.ReadAsStringAsync());
        using var again = await SendWithTokenAsync(HttpMethod.Delete, $"/api/v1/files/{id}", _owner.AccessToken);

        await AssertErrorAsync(again, HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertErrorAsync(await GetAsync($"/api/v1/files/{id}", _owner.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertErrorAsync(await GetAsync($"/api/v1/files/{id}/download", _owner.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertErrorAsync(await GetAsync($"/api/v1/files/{id}/thumbnail", _owner.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.That(await Database.ScalarsAsync<Guid>("SELECT id FROM gear_files"), Is.EqualTo(new[] { keep["id"]!.GetValue<Guid>() }));
        Assert.That(await Eventually.TrueAsync(() => Task.FromResult(!File.Exists(StoredPath(id)) && !File.Exists(StoredPath(id, "thumb-256.webp")))), Is.True,
            string.Join(", ", StoredFiles()));
        Assert.That(StoredFiles(), Is.EqualTo(new[] { StoredPath(keep["id"]!.GetValue<Guid>()) }), "the other file stays");
        using var quota = await GetAsync("/api/v1/users/me/quota", _owner.AccessToken);
        Assert.That((await OkDataAsync(quota))["used_bytes"]!.GetValue<long>(), Is.EqualTo(TwoPages.Length));
    }

    private async Task AssertNothingStoredAsync()
    {
        Assert.Multiple(async () =>
        {
            Assert.That(await FileRowsAsync(), Is.Zero, "no gear_files row");
            Assert.That(StoredFiles(), Is.Empty, "no file under files/, a temporary one included");
        });
    }
}
