using System.Net;
using System.Text.Json.Nodes;

namespace Veza.Api.FunctionalTests;

/// <summary>Likes, tags, reports on tracks and the dashboard's track counts over HTTP, against PostgreSQL.</summary>
public class TrackSocialTests : TrackApiTestBase
{
    [Test]
    public async Task Likes_are_idempotent_and_the_count_follows()
    {
        var owner = await UserAsync("dj_nova");
        var fan = await UserAsync("fan");
        var id = await SeedTrackAsync(owner.UserId);

        var first = (await OkAsync(await PostAsync($"/api/v1/tracks/{id}/like", new { }, fan.AccessToken)))["data"]!;
        var again = (await OkAsync(await PostAsync($"/api/v1/tracks/{id}/like", new { }, fan.AccessToken)))["data"]!;
        var byOwner = (await OkAsync(await PostAsync($"/api/v1/tracks/{id}/like", new { }, owner.AccessToken)))["data"]!;

        Assert.Multiple(() =>
        {
            Assert.That(first.ToJsonString(), Is.EqualTo($$"""{"track_id":"{{id}}","liked":true,"likes":1}"""));
            Assert.That(again["likes"]!.GetValue<long>(), Is.EqualTo(1));
            Assert.That(byOwner["likes"]!.GetValue<long>(), Is.EqualTo(2));
        });
        var track = (await OkAsync(await GetAsync($"/api/v1/tracks/{id}", fan.AccessToken)))["data"]!;
        Assert.That(track["likes"]!.GetValue<long>(), Is.EqualTo(2));
        Assert.That(track["liked_by_me"]!.GetValue<bool>(), Is.True);

        var undone = (await OkAsync(await DeleteAsync($"/api/v1/tracks/{id}/like", null, fan.AccessToken)))["data"]!;
        var undoneAgain = (await OkAsync(await DeleteAsync($"/api/v1/tracks/{id}/like", null, fan.AccessToken)))["data"]!;
        Assert.Multiple(async () =>
        {
            Assert.That(undone.ToJsonString(), Is.EqualTo($$"""{"track_id":"{{id}}","liked":false,"likes":1}"""));
            Assert.That(undoneAgain["likes"]!.GetValue<long>(), Is.EqualTo(1));
            Assert.That(await Database.ScalarAsync<long>("SELECT like_count FROM tracks WHERE id = @id", ("id", id)), Is.EqualTo(1));
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM track_likes WHERE track_id = @id", ("id", id)), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Concurrent_likes_each_count_once()
    {
        var owner = await UserAsync("dj_nova");
        var id = await SeedTrackAsync(owner.UserId);
        var fans = new List<Tokens>();
        for (var i = 0; i < 6; i++)
        {
            fans.Add(await UserAsync($"fan_{i}"));
        }

        // Every fan likes twice at once: six likes, twelve requests.
        var responses = await Task.WhenAll(fans.Concat(fans).Select(f => PostAsync($"/api/v1/tracks/{id}/like", new { }, f.AccessToken)));
        Assert.That(responses.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.OK));

        Assert.That(await Database.ScalarAsync<long>("SELECT like_count FROM tracks WHERE id = @id", ("id", id)), Is.EqualTo(6));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM track_likes WHERE track_id = @id", ("id", id)), Is.EqualTo(6));
    }

    [Test]
    public async Task Only_tracks_the_caller_may_see_can_be_liked()
    {
        var owner = await UserAsync("dj_nova");
        var fan = await UserAsync("fan");
        var priv = await SeedTrackAsync(owner.UserId, new TrackSeed(Visibility: "private"));
        var hidden = await SeedTrackAsync(owner.UserId, new TrackSeed(HiddenReason: "Reported."));
        var unlisted = await SeedTrackAsync(owner.UserId, new TrackSeed(Visibility: "unlisted"));

        await AssertErrorAsync(await PostAsync($"/api/v1/tracks/{priv}/like", new { }, fan.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertErrorAsync(await PostAsync($"/api/v1/tracks/{hidden}/like", new { }, fan.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertErrorAsync(await DeleteAsync($"/api/v1/tracks/{priv}/like", null, fan.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertErrorAsync(await PostAsync($"/api/v1/tracks/{Guid.NewGuid()}/like", new { }, fan.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        await OkAsync(await PostAsync($"/api/v1/tracks/{unlisted}/like", new { }, fan.AccessToken));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM track_likes"), Is.EqualTo(1));
    }

    [Test]
    public async Task A_users_likes_list_what_the_caller_may_see_newest_like_first()
    {
        var owner = await UserAsync("dj_nova");
        var fan = await UserAsync("fan");
        var viewer = await UserAsync("viewer");
        var first = await SeedTrackAsync(owner.UserId, new TrackSeed("First"));
        var second = await SeedTrackAsync(owner.UserId, new TrackSeed("Second"));
        var unlisted = await SeedTrackAsync(owner.UserId, new TrackSeed("Unlisted", Visibility: "unlisted"));
        var later = await SeedTrackAsync(owner.UserId, new TrackSeed("Later private"));
        foreach (var id in new[] { second, first, unlisted, later })
        {
            await OkAsync(await PostAsync($"/api/v1/tracks/{id}/like", new { }, fan.AccessToken));
        }

        await OkAsync(await PutAsync($"/api/v1/tracks/{later}", new { visibility = "private" }, owner.AccessToken));

        Assert.That(Ids(await OkAsync(await GetAsync($"/api/v1/users/{fan.UserId}/likes", viewer.AccessToken))), Is.EqualTo(new[] { first, second }));
        Assert.That(Ids(await OkAsync(await GetAsync($"/api/v1/users/{fan.UserId}/likes", fan.AccessToken))), Is.EqualTo(new[] { first, second }));
        Assert.That(Ids(await OkAsync(await GetAsync($"/api/v1/users/{fan.UserId}/likes", owner.AccessToken))), Is.EqualTo(new[] { later, unlisted, first, second }),
            "the owner sees their own tracks in any list");
    }

    [Test]
    public async Task Tag_counts_follow_create_edit_and_delete_and_list_and_search_by_usage_or_name()
    {
        var owner = await UserAsync("dj_nova");
        var a = await SeedTrackAsync(owner.UserId, new TrackSeed("A", Tags: ["house", "deep house", "vocal"]));
        await SeedTrackAsync(owner.UserId, new TrackSeed("B", Tags: ["house", "deep house"], Visibility: "private"));
        var c = await SeedTrackAsync(owner.UserId, new TrackSeed("C", Tags: ["house", "dub"]));

        async Task<string> ListAsync(string query) => string.Join(',', (await OkAsync(await GetAsync("/api/v1/tags" + query, owner.AccessToken)))["data"]!.AsArray()
            .Select(t => $"{t!["name"]!.GetValue<string>()}:{t["usage_count"]!.GetValue<int>()}"));

        Assert.That(await ListAsync(""), Is.EqualTo("house:3,deep house:2,dub:1,vocal:1"));
        Assert.That(await ListAsync("?sort=name"), Is.EqualTo("deep house:2,dub:1,house:3,vocal:1"));
        Assert.That(await ListAsync("?q=HOUSE"), Is.EqualTo("house:3,deep house:2"));
        Assert.That(await ListAsync("?limit=1&page=2"), Is.EqualTo("deep house:2"));

        await OkAsync(await PutAsync($"/api/v1/tracks/{a}", new { tags = new[] { "vocal", "garage" } }, owner.AccessToken));
        await OkAsync(await DeleteAsync($"/api/v1/tracks/{c}", null, owner.AccessToken));

        Assert.That(await ListAsync(""), Is.EqualTo("deep house:1,garage:1,house:1,vocal:1"), "unused tags leave the list");
        Assert.That(await TagCountAsync("dub"), Is.Zero);
        var search = (await OkAsync(await GetAsync("/api/v1/tags/search?q=G", owner.AccessToken)))["data"]!.AsArray();
        Assert.That(search.Select(t => t!["name"]!.GetValue<string>()), Is.EqualTo(new[] { "garage" }));
        var prefix = (await OkAsync(await GetAsync("/api/v1/tags/search?q=ho&limit=5", owner.AccessToken)))["data"]!.AsArray();
        Assert.That(prefix.Select(t => t!["name"]!.GetValue<string>()), Is.EqualTo(new[] { "house" }), "a prefix, not a substring (deep house)");
        await AssertErrorAsync(await GetAsync("/api/v1/tags/search?q=", owner.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await AssertErrorAsync(await GetAsync("/api/v1/tags/search?q=a&limit=51", owner.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await AssertErrorAsync(await GetAsync("/api/v1/tags?sort=count", owner.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Test]
    public async Task A_reported_track_resolved_with_hide_content_is_hidden_from_all_but_its_owner_and_admins()
    {
        var owner = await UserAsync("dj_nova");
        var reporter = await UserAsync("label_rep");
        var admin = await AdminAsync();
        var id = await SeedTrackAsync(owner.UserId, new TrackSeed("Borrowed"));

        await AssertErrorAsync(await PostAsync("/api/v1/reports", new { target_type = "track", target_id = id, reason = "copyright" }, owner.AccessToken),
            HttpStatusCode.UnprocessableEntity, "INVALID_STATE");
        await AssertErrorAsync(await PostAsync("/api/v1/reports", new { target_type = "track", target_id = Guid.NewGuid(), reason = "copyright" }, reporter.AccessToken),
            HttpStatusCode.NotFound, "NOT_FOUND");
        using var filed = await PostAsync("/api/v1/reports", new { target_type = "track", target_id = id, reason = "copyright", details = "Our release." }, reporter.AccessToken);
        var reportId = (await BodyAsync(filed))["data"]!["id"]!.GetValue<Guid>();
        Assert.That(filed.StatusCode, Is.EqualTo(HttpStatusCode.Created));

        await OkAsync(await PostAsync($"/api/v1/admin/reports/{reportId}/resolve", new { action = "hide_content", note = "Claim verified." }, admin.AccessToken));

        await AssertErrorAsync(await GetAsync($"/api/v1/tracks/{id}", reporter.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.That(Ids(await OkAsync(await GetAsync("/api/v1/tracks", reporter.AccessToken))), Is.Empty);
        var seenByOwner = (await OkAsync(await GetAsync($"/api/v1/tracks/{id}", owner.AccessToken)))["data"]!;
        Assert.That(seenByOwner["hidden"]!.GetValue<bool>(), Is.True);
        Assert.That(seenByOwner["hidden_reason"]!.GetValue<string>(), Is.EqualTo("Hidden after a report (copyright): Claim verified."));
        Assert.That(Ids(await OkAsync(await GetAsync("/api/v1/tracks?user_id=me", owner.AccessToken))), Is.EqualTo(new[] { id }));
        var seenByAdmin = (await OkAsync(await GetAsync($"/api/v1/tracks/{id}", admin.AccessToken)))["data"]!;
        Assert.That(seenByAdmin["hidden_reason"], Is.Not.Null);
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM audit_events WHERE action = 'tracks.hide' AND target = @t", ("t", $"track:{id}")), Is.EqualTo(1));
    }

    [Test]
    public async Task A_private_track_of_someone_else_cannot_be_reported()
    {
        var owner = await UserAsync("dj_nova");
        var reporter = await UserAsync("label_rep");
        var id = await SeedTrackAsync(owner.UserId, new TrackSeed(Visibility: "private"));

        await AssertErrorAsync(await PostAsync("/api/v1/reports", new { target_type = "track", target_id = id, reason = "copyright" }, reporter.AccessToken),
            HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Test]
    public async Task The_dashboard_counts_tracks_storage_and_processing_failures()
    {
        var owner = await UserAsync("dj_nova");
        var admin = await AdminAsync();
        await SeedTrackAsync(owner.UserId);
        await SeedTrackAsync(owner.UserId, new TrackSeed(Visibility: "private"));
        await SeedTrackAsync(owner.UserId, new TrackSeed(Status: "failed"));
        var bytes = await Database.ScalarAsync<long>("SELECT sum(stored_bytes)::bigint FROM tracks");

        var dashboard = (await OkAsync(await GetAsync("/api/v1/admin/dashboard", admin.AccessToken)))["data"]!;

        Assert.Multiple(() =>
        {
            Assert.That(dashboard["tracks_count"]!.GetValue<long>(), Is.EqualTo(3));
            Assert.That(dashboard["storage_bytes"]!.GetValue<long>(), Is.EqualTo(bytes).And.GreaterThan(0));
            Assert.That(dashboard["processing_failures"]!.GetValue<long>(), Is.EqualTo(1));
        });
    }
}
