using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Veza.Application.Resources;
using Veza.Testing;
using Veza.TestKit;

namespace Veza.Api.FunctionalTests;

/// <summary>
/// Shared resources (issue 15) over HTTP against PostgreSQL and the file store: streamed uploads recognised by their
/// bytes and counted in the quota, the permission matrix, versions, downloads counted once a day with ranges, lists,
/// search, tags and reports, with the stored rows and files checked.
/// </summary>
public class SharedResourceTests : TrackApiTestBase
{
    private const string Path = "/api/v1/shared-resources";
    private const long MaxFileBytes = 1024 * 1024;
    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04, .. Enumerable.Range(0, 4000).Select(i => (byte)(i * 7))];
    private static readonly byte[] Preset = [.. "CcnK\0\0\x01\x02FxCk"u8.ToArray(), .. Enumerable.Range(0, 500).Select(i => (byte)i)];

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton(new ResourceSettings(MaxFileBytes));

    [Test]
    public async Task A_file_is_shared_streamed_to_storage_recognised_by_its_bytes_and_counted_in_the_quota()
    {
        var nova = await UserAsync("dj_nova");
        var before = await QuotaUsedAsync(nova);

        using var response = await UploadAsync(nova, Zip, "Neon Pads.ZIP", new() { ["kind"] = "preset", ["tags"] = "Pads, synthwave", ["description"] = "Twelve pads." });
        var body = await BodyAsync(response);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToJsonString());
        var data = body["data"]!;
        var id = data["id"]!.GetValue<Guid>();
        var key = await Database.ScalarAsync<string>("SELECT storage_key FROM shared_resource_versions WHERE resource_id = @id AND number = 1", ("id", id));
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(response.Headers.Location?.ToString(), Is.EqualTo($"{Path}/{id}"));
            Assert.That(data["title"]!.GetValue<string>(), Is.EqualTo("Neon Pads"), "the file name's stem when no title is sent");
            Assert.That(data["kind"]!.GetValue<string>(), Is.EqualTo("preset"));
            Assert.That(data["visibility"]!.GetValue<string>(), Is.EqualTo("public"));
            Assert.That(data["access"]!.GetValue<string>(), Is.EqualTo("own"));
            Assert.That(data["tags"]!.AsArray().Select(t => t!.GetValue<string>()), Is.EqualTo(new[] { "pads", "synthwave" }));
            Assert.That(data["latest"]!["number"]!.GetValue<int>(), Is.EqualTo(1));
            Assert.That(data["latest"]!["format"]!.GetValue<string>(), Is.EqualTo("zip"));
            Assert.That(data["latest"]!["file_name"]!.GetValue<string>(), Is.EqualTo("Neon Pads.ZIP"));
            Assert.That(data["latest"]!["bytes"]!.GetValue<long>(), Is.EqualTo(Zip.Length));
            Assert.That(await File.ReadAllBytesAsync(System.IO.Path.Combine(StorageRoot, key!)), Is.EqualTo(Zip), "the bytes stored are those sent");
            Assert.That(await QuotaUsedAsync(nova) - before, Is.EqualTo(Zip.Length), "counted in the owner's quota");
            Assert.That(await TagCountAsync("pads"), Is.EqualTo(1));
            Assert.That(await Database.ScalarAsync<int>("SELECT resource_count FROM tags WHERE name = 'pads'"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_program_an_empty_file_and_an_oversize_one_are_refused_and_nothing_is_kept()
    {
        var nova = await UserAsync("dj_nova");
        var filesBefore = StoredResourceFiles();
        byte[] elf = [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0, .. new byte[100]];

        await AssertErrorAsync(await UploadAsync(nova, elf, "pads.zip", new() { ["kind"] = "preset" }), HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE");
        await AssertErrorAsync(await UploadAsync(nova, [], "empty.bin", new() { ["kind"] = "other" }), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await AssertErrorAsync(await UploadAsync(nova, new byte[MaxFileBytes + 1], "big.bin", new() { ["kind"] = "other" }), HttpStatusCode.RequestEntityTooLarge, "PAYLOAD_TOO_LARGE");
        var noKind = await AssertErrorAsync(await UploadAsync(nova, Zip, "pads.zip", new() { ["visibility"] = "everyone" }), HttpStatusCode.BadRequest, "VALIDATION_ERROR");

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(Fields(noKind), Is.EquivalentTo(new[] { "kind", "visibility" }));
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM shared_resources"), Is.Zero);
            Assert.That(StoredResourceFiles(), Is.EquivalentTo(filesBefore), "no file left behind");
        });
    }

    /// <summary>Expected statuses for owner, viewer, downloader, editor, stranger and admin on a resource shared with the three grantees.</summary>
    [TestCase("GET", "", 200, 200, 200, 200, 404, 200)]
    [TestCase("GET", "/versions", 200, 200, 200, 200, 404, 200)]
    [TestCase("GET", "/download", 200, 403, 200, 200, 404, 200)]
    [TestCase("GET", "/versions/1/download", 200, 403, 200, 200, 404, 200)]
    [TestCase("PUT", "", 200, 403, 403, 200, 404, 403)]
    [TestCase("POST", "/versions", 201, 403, 403, 201, 404, 403)]
    [TestCase("GET", "/permissions", 200, 403, 403, 403, 404, 200)]
    [TestCase("PUT", "/permissions", 200, 403, 403, 403, 404, 403)]
    [TestCase("DELETE", "/versions/1", 204, 403, 403, 403, 404, 403)]
    [TestCase("DELETE", "", 204, 403, 403, 403, 404, 204)]
    public async Task Each_caller_may_do_what_their_grant_allows(string method, string suffix, int owner, int viewer, int downloader, int editor, int stranger, int admin)
    {
        var callers = await CallersAsync();
        var expected = new[] { owner, viewer, downloader, editor, stranger, admin };
        var got = new List<int>();
        foreach (var caller in callers.All)
        {
            // A fresh resource (with two versions) for each caller: a deletion must not change what the next one meets.
            var id = await SharedResourceAsync(callers.Owner, callers);
            await UploadVersionAsync(callers.Owner, id, Zip);
            using var response = await SendAsAsync(method, $"{Path}/{id}{suffix}", caller, callers.Stranger.UserId);
            got.Add((int)response.StatusCode);
        }

        Assert.That(got, Is.EqualTo(expected), $"{method} {suffix} as owner, viewer, downloader, editor, stranger, admin");
    }

    [Test]
    public async Task A_public_resource_is_everyones_to_download_and_a_private_one_is_its_owners_alone_whatever_its_grants()
    {
        var callers = await CallersAsync();
        var open = await CreateAsync(callers.Owner, "Open pads", "public");
        var closed = await SharedResourceAsync(callers.Owner, callers, title: "Closed pads");
        await OkAsync(await PutAsync($"{Path}/{closed}", new { visibility = "private" }, callers.Owner.AccessToken));
        await OkAsync(await PutAsync($"{Path}/{open}/permissions", new { user_id = callers.Editor.UserId, level = "edit" }, callers.Owner.AccessToken));

        async Task<int> StatusAsync(string method, string path, Tokens caller)
        {
            using var response = await SendAsAsync(method, path, caller, callers.Stranger.UserId);
            return (int)response.StatusCode;
        }

        var got = new[]
        {
            await StatusAsync("GET", $"{Path}/{open}/download", callers.Stranger), await StatusAsync("PUT", $"{Path}/{open}", callers.Stranger),
            await StatusAsync("POST", $"{Path}/{open}/versions", callers.Stranger), await StatusAsync("PUT", $"{Path}/{open}", callers.Editor),
            await StatusAsync("GET", $"{Path}/{closed}", callers.Viewer), await StatusAsync("GET", $"{Path}/{closed}/download", callers.Editor),
            await StatusAsync("GET", $"{Path}/{closed}/download", callers.Owner), await StatusAsync("GET", $"{Path}/{closed}/download", callers.Admin),
        };

        Assert.That(got, Is.EqualTo(new[] { 200, 403, 403, 200, 404, 404, 200, 200 }),
            "public: a stranger downloads but does not edit, a granted editor edits; private: grantees see nothing, the owner and admins do");
    }

    [Test]
    public async Task Search_shows_resources_to_signed_in_users_only_and_never_hidden_or_blocked_ones()
    {
        var callers = await CallersAsync();
        var open = await CreateAsync(callers.Owner, "Lofi drum breaks", "public");
        var other = await UserAsync("other_ori");
        var hidden = await CreateAsync(other, "Lofi drum hidden", "public");
        await Database.ScalarAsync<int>("UPDATE shared_resources SET hidden_at = now(), hidden_reason = 'copyright' WHERE id = @id RETURNING 1", ("id", hidden));
        await OkOrNoContentAsync(await PostAsync($"/api/v1/users/{callers.Stranger.UserId}/block", new { }, callers.Owner.AccessToken));

        using var anonymous = await GetAsync("/api/v1/search?type=resources&q=lofi%20drum");
        var anonymousHits = (await BodyAsync(anonymous))["data"]!["results"]!["resources"]!.AsArray();

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(anonymousHits, Is.Empty, "public means every signed-in user");
            Assert.That(await SearchIdsAsync(callers.Viewer, "lofi drum"), Is.EqualTo(new[] { open }), "the hidden one is gone");
            Assert.That(await SearchIdsAsync(other, "lofi drum"), Does.Contain(hidden), "but not for its owner");
            Assert.That(await SearchIdsAsync(callers.Stranger, "lofi drum"), Is.Empty, "blocked by the owner");
            Assert.That(await ListIdsAsync(callers.Stranger, ""), Is.Empty);
        });
    }

    [Test]
    public async Task Resources_count_in_tags_show_on_a_tags_page_and_follow_a_merge_while_private_ones_tags_stay_unlisted()
    {
        var nova = await UserAsync("dj_nova");
        var open = await CreateAsync(nova, "Open kit", "public", tags: "lofi, drums");
        await CreateAsync(nova, "Hidden kit", "private", tags: "lo-fi, unreleased");
        var reader = await UserAsync("reader_rae");
        await Database.ScalarAsync<int>("UPDATE users SET role = 'moderator' WHERE id = @id RETURNING 1", ("id", reader.UserId));
        var moderator = await LoginAsync("reader_rae");

        var page = (await OkAsync(await GetAsync("/api/v1/tags/lofi", moderator.AccessToken)))["data"]!;
        var listed = (await OkAsync(await GetAsync("/api/v1/tags?sort=name", moderator.AccessToken)))["data"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()).ToArray();
        var typed = (await OkAsync(await GetAsync("/api/v1/tags/search?q=unrel", moderator.AccessToken)))["data"]!.AsArray();

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(page["resources"]!.AsArray().Select(r => r!["id"]!.GetValue<Guid>()), Is.EqualTo(new[] { open }));
            Assert.That(page["resource_count"]!.GetValue<int>(), Is.EqualTo(1));
            Assert.That(listed, Is.EqualTo(new[] { "drums", "lofi" }), "tags only private items carry are not listed");
            Assert.That(typed, Is.Empty);
            await AssertErrorAsync(await GetAsync("/api/v1/tags/unreleased", moderator.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        });

        var merged = (await OkAsync(await PostAsync("/api/v1/admin/tags/lo-fi/merge", new { into = "lofi" }, moderator.AccessToken)))["data"]!;
        Assert.Multiple(() =>
        {
            Assert.That((merged["resource_count"]!.GetValue<int>(), merged["usage_count"]!.GetValue<int>()), Is.EqualTo((2, 2)), "recounted from the resources' arrays");
        });
    }

    [Test]
    public async Task A_file_named_as_a_program_is_refused_and_a_document_takes_its_types_extension()
    {
        var nova = await UserAsync("dj_nova");
        var script = "echo hello\n"u8.ToArray();

        await AssertErrorAsync(await UploadAsync(nova, script, "install.bat", new() { ["kind"] = "other" }), HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE");
        var pdf = (await BodyAsync(await UploadAsync(nova, "%PDF-1.7\n%%EOF\n"u8.ToArray(), "manual.html", new() { ["kind"] = "document" })))["data"]!;

        Assert.That((pdf["latest"]!["file_name"]!.GetValue<string>(), pdf["latest"]!["content_type"]!.GetValue<string>()), Is.EqualTo(("manual.pdf", "application/pdf")));
    }

    [Test]
    public async Task Visibility_decides_who_finds_a_resource_in_lists_search_and_shared_with_me()
    {
        var callers = await CallersAsync();
        var shared = await SharedResourceAsync(callers.Owner, callers, title: "Tape stems shared");
        var open = await CreateAsync(callers.Owner, "Tape stems public", "public");
        var secret = await CreateAsync(callers.Owner, "Tape stems private", "private");

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await ListIdsAsync(callers.Owner, ""), Is.EquivalentTo(new[] { shared, open, secret }));
            Assert.That(await ListIdsAsync(callers.Viewer, ""), Is.EquivalentTo(new[] { shared, open }));
            Assert.That(await ListIdsAsync(callers.Stranger, ""), Is.EqualTo(new[] { open }));
            Assert.That(await ListIdsAsync(callers.Admin, ""), Is.EquivalentTo(new[] { shared, open, secret }));
            Assert.That(await ListIdsAsync(callers.Viewer, "/shared-with-me"), Is.EqualTo(new[] { shared }));
            Assert.That(await ListIdsAsync(callers.Stranger, "/shared-with-me"), Is.Empty);
            Assert.That(await SearchIdsAsync(callers.Stranger, "tape stems"), Is.EqualTo(new[] { open }), "search hides what lists hide");
            Assert.That(await SearchIdsAsync(callers.Editor, "tape stems"), Is.EquivalentTo(new[] { shared, open }));
            Assert.That(await SearchIdsAsync(callers.Owner, "stems privat"), Does.Contain(secret), "the owner finds their own, by prefix");
        });
    }

    [Test]
    public async Task Lists_filter_by_kind_tag_owner_and_words_and_sort_by_downloads()
    {
        var nova = await UserAsync("dj_nova");
        var rex = await UserAsync("rex_beats");
        var kick = await CreateAsync(nova, "Big kick", "public", kind: "sample", tags: "drums");
        var pads = await CreateAsync(nova, "Neon pads", "public", kind: "preset", tags: "synth");
        var rexKit = await CreateAsync(rex, "Rex kit", "public", kind: "sample", tags: "drums");
        await DownloadAsync(rex, $"{Path}/{pads}/download");
        await DownloadAsync(nova, $"{Path}/{pads}/download");
        await DownloadAsync(nova, $"{Path}/{rexKit}/download");

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await ListIdsAsync(nova, "?kind=sample"), Is.EquivalentTo(new[] { kick, rexKit }));
            Assert.That(await ListIdsAsync(nova, "?tag=drums&user_id=" + rex.UserId), Is.EqualTo(new[] { rexKit }));
            Assert.That(await ListIdsAsync(nova, "?q=NEON"), Is.EqualTo(new[] { pads }));
            Assert.That(await ListIdsAsync(nova, "?sort=downloads"), Is.EqualTo(new[] { pads, rexKit, kick }));
            Assert.That(await ListIdsAsync(nova, ""), Is.EqualTo(new[] { rexKit, pads, kick }), "newest first by default");
        });
        await AssertErrorAsync(await GetAsync($"{Path}?kind=loop", nova.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Test]
    public async Task Versions_are_numbered_kept_downloaded_by_number_and_deleted_by_the_owner()
    {
        var callers = await CallersAsync();
        var id = await SharedResourceAsync(callers.Owner, callers);
        byte[] second = [.. Zip, 1, 2, 3];

        using (var added = await UploadVersionAsync(callers.Editor, id, second, "Brighter pads"))
        {
            var version = (await BodyAsync(added))["data"]!;
            Assert.Multiple(() =>
            {
                Assert.That(added.StatusCode, Is.EqualTo(HttpStatusCode.Created));
                Assert.That(version["number"]!.GetValue<int>(), Is.EqualTo(2));
                Assert.That(version["changelog"]!.GetValue<string>(), Is.EqualTo("Brighter pads"));
                Assert.That(version["created_by"]!.GetValue<Guid>(), Is.EqualTo(callers.Editor.UserId));
            });
        }

        var versions = (await OkAsync(await GetAsync($"{Path}/{id}/versions", callers.Viewer.AccessToken)))["data"]!.AsArray();
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(versions.Select(v => v!["number"]!.GetValue<int>()), Is.EqualTo(new[] { 2, 1 }), "newest first");
            Assert.That(await DownloadAsync(callers.Downloader, $"{Path}/{id}/download"), Is.EqualTo(second), "the latest");
            Assert.That(await DownloadAsync(callers.Downloader, $"{Path}/{id}/versions/1/download"), Is.EqualTo(Zip), "an older one, kept");
        });

        var firstKey = await Database.ScalarAsync<string>("SELECT storage_key FROM shared_resource_versions WHERE resource_id = @id AND number = 1", ("id", id));
        using (var deleted = await SendAsAsync("DELETE", $"{Path}/{id}/versions/1", callers.Owner, null))
        {
            Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        }

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(File.Exists(System.IO.Path.Combine(StorageRoot, firstKey!)), Is.False, "its file is gone");
            await AssertErrorAsync(await GetAsync($"{Path}/{id}/versions/1/download", callers.Owner.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
            await AssertErrorAsync(await DeleteAsync($"{Path}/{id}/versions/2", null, callers.Owner.AccessToken), HttpStatusCode.UnprocessableEntity, "INVALID_STATE");
        });
    }

    [Test]
    public async Task A_download_is_an_attachment_with_ranges_counted_once_per_user_version_and_day()
    {
        var callers = await CallersAsync();
        var id = await SharedResourceAsync(callers.Owner, callers);

        using var request = new HttpRequestMessage(HttpMethod.Get, $"{Path}/{id}/download");
        request.Headers.Authorization = new("Bearer", callers.Downloader.AccessToken);
        request.Headers.Range = new RangeHeaderValue(10, 19);
        using var partial = await Client.SendAsync(request);
        var bytes = await partial.Content.ReadAsByteArrayAsync();

        Assert.Multiple(() =>
        {
            Assert.That(partial.StatusCode, Is.EqualTo(HttpStatusCode.PartialContent));
            Assert.That(bytes, Is.EqualTo(Zip[10..20]));
            Assert.That(partial.Content.Headers.ContentDisposition?.DispositionType, Is.EqualTo("attachment"));
            Assert.That(partial.Content.Headers.ContentDisposition?.FileNameStar ?? partial.Content.Headers.ContentDisposition?.FileName, Does.Contain("pads.zip"));
            Assert.That(partial.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/zip"));
            Assert.That(partial.Headers.GetValues("X-Content-Type-Options"), Does.Contain("nosniff"));
        });

        await DownloadAsync(callers.Downloader, $"{Path}/{id}/download");
        await DownloadAsync(callers.Downloader, $"{Path}/{id}/versions/1/download");
        await DownloadAsync(callers.Editor, $"{Path}/{id}/download");
        await UploadVersionAsync(callers.Owner, id, [.. Zip, 9]);
        await DownloadAsync(callers.Downloader, $"{Path}/{id}/download");

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM shared_resource_downloads WHERE resource_id = @id", ("id", id)), Is.EqualTo(3),
                "downloader v1 once however often, editor v1, downloader v2");
            Assert.That((await OkAsync(await GetAsync($"{Path}/{id}", callers.Viewer.AccessToken)))["data"]!["download_count"]!.GetValue<long>(), Is.EqualTo(3));
        });
    }

    [Test]
    public async Task Only_the_owner_changes_visibility_and_editors_change_the_rest()
    {
        var callers = await CallersAsync();
        var id = await SharedResourceAsync(callers.Owner, callers);

        await AssertErrorAsync(await PutAsync($"{Path}/{id}", new { visibility = "public" }, callers.Editor.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");
        var edited = (await OkAsync(await PutAsync($"{Path}/{id}", new { title = "Stems v2", tags = new[] { "Stems", "tape" } }, callers.Editor.AccessToken)))["data"]!;
        var madePublic = (await OkAsync(await PutAsync($"{Path}/{id}", new { visibility = "public" }, callers.Owner.AccessToken)))["data"]!;

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(edited["title"]!.GetValue<string>(), Is.EqualTo("Stems v2"));
            Assert.That(edited["access"]!.GetValue<string>(), Is.EqualTo("edit"));
            Assert.That(madePublic["visibility"]!.GetValue<string>(), Is.EqualTo("public"));
            Assert.That(await ListIdsAsync(callers.Stranger, ""), Is.EqualTo(new[] { id }));
            Assert.That(await TagCountAsync("tape"), Is.EqualTo(1));
        });
        await AssertErrorAsync(await PutAsync($"{Path}/{id}", new { title = "" }, callers.Owner.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await AssertErrorAsync(await PutAsync($"{Path}/{id}", new { colour = "red" }, callers.Owner.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Test]
    public async Task Grants_are_listed_changed_and_revoked_by_the_owner()
    {
        var callers = await CallersAsync();
        var id = await SharedResourceAsync(callers.Owner, callers);

        var changed = (await OkAsync(await PutAsync($"{Path}/{id}/permissions", new { user_id = callers.Viewer.UserId, level = "edit" }, callers.Owner.AccessToken)))["data"]!;
        using (var revoked = await DeleteAsync($"{Path}/{id}/permissions/{callers.Downloader.UserId}", null, callers.Owner.AccessToken))
        {
            Assert.That(revoked.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        }

        var grants = (await OkAsync(await GetAsync($"{Path}/{id}/permissions", callers.Owner.AccessToken)))["data"]!.AsArray();
        await Assert.MultipleAsync(async () =>
        {
            Assert.That((changed["user"]!["username"]!.GetValue<string>(), changed["level"]!.GetValue<string>()), Is.EqualTo(("viewer_vi", "edit")));
            Assert.That(grants.Select(g => (g!["user"]!["username"]!.GetValue<string>(), g["level"]!.GetValue<string>())),
                Is.EquivalentTo(new[] { ("viewer_vi", "edit"), ("editor_ed", "edit") }));
            await AssertErrorAsync(await GetAsync($"{Path}/{id}/download", callers.Downloader.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
            await AssertErrorAsync(await DeleteAsync($"{Path}/{id}/permissions/{callers.Downloader.UserId}", null, callers.Owner.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
            await AssertErrorAsync(await PutAsync($"{Path}/{id}/permissions", new { user_id = Guid.NewGuid(), level = "view" }, callers.Owner.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
            await AssertErrorAsync(await PutAsync($"{Path}/{id}/permissions", new { user_id = callers.Owner.UserId, level = "view" }, callers.Owner.AccessToken), HttpStatusCode.UnprocessableEntity, "INVALID_STATE");
            await AssertErrorAsync(await PutAsync($"{Path}/{id}/permissions", new { user_id = callers.Viewer.UserId, level = "admin" }, callers.Owner.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        });
    }

    [Test]
    public async Task Deleting_a_resource_removes_its_files_rows_and_tag_counts_and_frees_the_quota()
    {
        var nova = await UserAsync("dj_nova");
        var before = await QuotaUsedAsync(nova);
        var id = await CreateAsync(nova, "Gone soon", "public", tags: "ephemeral");
        await UploadVersionAsync(nova, id, [.. Zip, 7]);
        var folder = System.IO.Path.Combine(StorageRoot, ResourceFiles.Folder(id));
        Assert.That(Directory.EnumerateFiles(folder).Count(), Is.EqualTo(2));

        using (var deleted = await DeleteAsync($"{Path}/{id}", null, nova.AccessToken))
        {
            Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        }

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(Directory.Exists(folder), Is.False);
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM shared_resource_versions WHERE resource_id = @id", ("id", id)), Is.Zero);
            Assert.That(await TagCountAsync("ephemeral"), Is.Zero);
            Assert.That(await QuotaUsedAsync(nova), Is.EqualTo(before));
            await AssertErrorAsync(await GetAsync($"{Path}/{id}", nova.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        });
    }

    [Test]
    public async Task A_reported_resource_hidden_by_a_moderator_leaves_everyone_but_its_owner()
    {
        var nova = await UserAsync("dj_nova");
        var reporter = await UserAsync("reporter_rae");
        var id = await CreateAsync(nova, "Ripped stems", "public");
        var reportBody = await BodyAsync(await PostAsync("/api/v1/reports", new { target_type = "resource", target_id = id, reason = "copyright" }, reporter.AccessToken));
        var moderator = await UserAsync("mod_milo");
        await Database.ScalarAsync<int>("UPDATE users SET role = 'moderator' WHERE id = @id RETURNING 1", ("id", moderator.UserId));
        moderator = await LoginAsync("mod_milo");

        await OkAsync(await PostAsync($"/api/v1/admin/reports/{reportBody["data"]!["id"]!.GetValue<Guid>()}/resolve", new { action = "hide_content" }, moderator.AccessToken));

        await Assert.MultipleAsync(async () =>
        {
            await AssertErrorAsync(await GetAsync($"{Path}/{id}", reporter.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
            Assert.That(await ListIdsAsync(reporter, ""), Is.Empty);
            var own = (await OkAsync(await GetAsync($"{Path}/{id}", nova.AccessToken)))["data"]!;
            Assert.That(own["hidden_reason"]?.GetValue<string>(), Is.Not.Null, "the owner sees why");
        });
    }

    [Test]
    public async Task An_audio_file_gets_its_duration_and_a_waveform_from_the_pipeline()
    {
        var nova = await UserAsync("dj_nova");
        var wav = await File.ReadAllBytesAsync(await TestAudio.MakeToneAsync(System.IO.Path.Combine(StorageRoot, $"res-{Guid.NewGuid():N}.wav"), 2));
        var id = await CreatedIdAsync(await UploadAsync(nova, wav, "kick.wav", new() { ["kind"] = "sample" }));

        JsonNode? latest = null;
        Assert.That(await Eventually.TrueAsync(async () =>
        {
            latest = (await OkAsync(await GetAsync($"{Path}/{id}", nova.AccessToken)))["data"]!["latest"];
            return latest!["duration_seconds"] is not null;
        }), Is.True, "probed within 20 s");

        using var waveformResponse = await GetAsync(latest!["waveform_url"]!.GetValue<string>(), nova.AccessToken);
        var waveform = await BodyAsync(waveformResponse);
        Assert.Multiple(() =>
        {
            Assert.That(waveformResponse.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(latest!["format"]!.GetValue<string>(), Is.EqualTo("wav"));
            Assert.That(latest["duration_seconds"]!.GetValue<double>(), Is.EqualTo(2).Within(0.1));
            Assert.That(waveform["peaks"]!.AsArray(), Is.Not.Empty);
            Assert.That(waveform["duration"]!.GetValue<double>(), Is.EqualTo(2).Within(0.1));
        });
    }

    // ---- Helpers ----

    private sealed record Callers(Tokens Owner, Tokens Viewer, Tokens Downloader, Tokens Editor, Tokens Stranger, Tokens Admin)
    {
        public Tokens[] All => [Owner, Viewer, Downloader, Editor, Stranger, Admin];
    }

    private async Task<Callers> CallersAsync() => new(
        await UserAsync("owner_ola"), await UserAsync("viewer_vi"), await UserAsync("loader_lu"), await UserAsync("editor_ed"), await UserAsync("stranger_st"),
        await AdminAsync("admin_ana"));

    /// <summary>A shared resource granted view, download and edit to the viewer, downloader and editor.</summary>
    private async Task<Guid> SharedResourceAsync(Tokens owner, Callers callers, string title = "Tape stems")
    {
        var id = await CreateAsync(owner, title, "shared", fileName: "pads.zip");
        foreach (var (user, level) in new[] { (callers.Viewer, "view"), (callers.Downloader, "download"), (callers.Editor, "edit") })
        {
            await OkAsync(await PutAsync($"{Path}/{id}/permissions", new { user_id = user.UserId, level }, owner.AccessToken));
        }

        return id;
    }

    private async Task<Guid> CreateAsync(Tokens owner, string title, string visibility, string kind = "stem", string? tags = null, string fileName = "pads.zip")
    {
        var fields = new Dictionary<string, string> { ["title"] = title, ["kind"] = kind, ["visibility"] = visibility };
        if (tags is not null)
        {
            fields["tags"] = tags;
        }

        return await CreatedIdAsync(await UploadAsync(owner, Zip, fileName, fields));
    }

    private async Task<HttpResponseMessage> UploadAsync(Tokens owner, byte[] file, string fileName, Dictionary<string, string> fields)
    {
        using var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }

        content.Add(new ByteArrayContent(file), "file", fileName);
        using var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = content };
        request.Headers.Authorization = new("Bearer", owner.AccessToken);
        return await Client.SendAsync(request);
    }

    private async Task<HttpResponseMessage> UploadVersionAsync(Tokens caller, Guid id, byte[] file, string? changelog = null)
    {
        using var content = new MultipartFormDataContent();
        if (changelog is not null)
        {
            content.Add(new StringContent(changelog), "changelog");
        }

        content.Add(new ByteArrayContent(file), "file", "pads.zip");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Path}/{id}/versions") { Content = content };
        request.Headers.Authorization = new("Bearer", caller.AccessToken);
        return await Client.SendAsync(request);
    }

    private async Task<HttpResponseMessage> SendAsAsync(string method, string path, Tokens caller, Guid? grantee)
    {
        if (method == "POST")
        {
            return await UploadVersionAsync(caller, Guid.Parse(path.Split('/')[4]), Zip);
        }

        object? body = (method, path.EndsWith("/permissions", StringComparison.Ordinal)) switch
        {
            ("PUT", true) => new { user_id = grantee, level = "view" },
            ("PUT", false) => new { title = "Renamed" },
            _ => null,
        };
        return await SendAsync(new HttpMethod(method), path, body, caller.AccessToken);
    }

    private async Task<byte[]> DownloadAsync(Tokens caller, string path)
    {
        using var response = await GetAsync(path, caller.AccessToken);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), path);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private async Task<Guid[]> ListIdsAsync(Tokens caller, string suffix) =>
        [.. (await OkAsync(await GetAsync(Path + suffix, caller.AccessToken)))["data"]!.AsArray().Select(r => r!["id"]!.GetValue<Guid>())];

    private async Task<Guid[]> SearchIdsAsync(Tokens caller, string q) =>
        [.. (await OkAsync(await GetAsync($"/api/v1/search?type=resources&q={Uri.EscapeDataString(q)}", caller.AccessToken)))["data"]!["results"]!["resources"]!.AsArray()
            .Select(h => h!["id"]!.GetValue<Guid>())];

    private static async Task OkOrNoContentAsync(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.That(response.StatusCode, Is.AnyOf(HttpStatusCode.OK, HttpStatusCode.NoContent), await response.Content.ReadAsStringAsync());
        }
    }

    private static string[] StoredResourceFiles()
    {
        var root = System.IO.Path.Combine(StorageRoot, ResourceFiles.Prefix);
        return Directory.Exists(root) ? [.. Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)] : [];
    }

    private async Task<long> QuotaUsedAsync(Tokens user) =>
        (await OkAsync(await GetAsync("/api/v1/users/me/quota", user.AccessToken)))["data"]!["used_bytes"]!.GetValue<long>();
}
