using System.Net;
using System.Text.Json.Nodes;

namespace Veza.Api.FunctionalTests;

/// <summary>
/// GET /tracks/{id} through the cache, against PostgreSQL: every change is seen at once, a track made private or hidden is
/// never served from the cache to anyone who may not see it, and one viewer's like never reaches another.
/// </summary>
public class TrackCacheTests : TrackApiTestBase
{
    [Test]
    public async Task A_cached_track_shows_an_edit_at_once_and_once_private_is_served_to_its_owner_and_admins_only()
    {
        var nova = await UserAsync("dj_nova");
        var bob = await UserAsync("bass_bob");
        var admin = await AdminAsync();
        var id = await SeedTrackAsync(nova.UserId);
        await TrackAsync(id, bob);
        await TrackAsync(id, admin);

        await OkAsync(await PutAsync($"/api/v1/tracks/{id}", new { title = "Night Drive (edit)", visibility = "private" }, nova.AccessToken));
        using var seenByBob = await GetAsync($"/api/v1/tracks/{id}", bob.AccessToken);
        var seenByNova = await TrackAsync(id, nova);
        var seenByAdmin = await TrackAsync(id, admin);
        using var seenByBobAgain = await GetAsync($"/api/v1/tracks/{id}", bob.AccessToken);

        await AssertErrorAsync(seenByBob, HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertErrorAsync(seenByBobAgain, HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.Multiple(() =>
        {
            Assert.That((seenByNova["title"]!.GetValue<string>(), seenByNova["visibility"]!.GetValue<string>()), Is.EqualTo(("Night Drive (edit)", "private")));
            Assert.That(seenByAdmin["title"]!.GetValue<string>(), Is.EqualTo("Night Drive (edit)"));
        });
    }

    [Test]
    public async Task Likes_are_counted_at_once_and_each_viewer_sees_only_their_own()
    {
        var nova = await UserAsync("dj_nova");
        var bob = await UserAsync("bass_bob");
        var carla = await UserAsync("carla");
        var id = await SeedTrackAsync(nova.UserId);
        await TrackAsync(id, carla);

        await OkAsync(await PostAsync($"/api/v1/tracks/{id}/like", new { }, bob.AccessToken));
        var seenByBob = await TrackAsync(id, bob);
        var seenByCarla = await TrackAsync(id, carla);

        Assert.Multiple(() =>
        {
            Assert.That((seenByBob["likes"]!.GetValue<long>(), seenByBob["liked_by_me"]!.GetValue<bool>()), Is.EqualTo((1L, true)));
            Assert.That((seenByCarla["likes"]!.GetValue<long>(), seenByCarla["liked_by_me"]!.GetValue<bool>()), Is.EqualTo((1L, false)), "bob's like is not cached for carla");
        });
    }

    [Test]
    public async Task Hiding_by_moderation_renaming_a_tag_and_deleting_are_seen_at_once()
    {
        var nova = await UserAsync("dj_nova");
        var bob = await UserAsync("bass_bob");
        var admin = await AdminAsync();
        var hidden = await SeedTrackAsync(nova.UserId);
        var tagged = await SeedTrackAsync(nova.UserId, new TrackSeed("Tagged", Tags: ["synthwav"]));
        await TrackAsync(hidden, bob);
        await TrackAsync(tagged, bob);

        var report = await CreatedIdAsync(await PostAsync("/api/v1/reports", new { target_type = "track", target_id = hidden, reason = "copyright" }, bob.AccessToken));
        await OkAsync(await PostAsync($"/api/v1/admin/reports/{report}/resolve", new { action = "hide_content", note = "Not theirs." }, admin.AccessToken));
        using var hiddenForBob = await GetAsync($"/api/v1/tracks/{hidden}", bob.AccessToken);
        var hiddenForNova = await TrackAsync(hidden, nova);
        await OkAsync(await PutAsync("/api/v1/admin/tags/synthwav", new { name = "synthwave" }, admin.AccessToken));
        var retagged = await TrackAsync(tagged, bob);
        using (var deleted = await DeleteAsync($"/api/v1/tracks/{tagged}", null, nova.AccessToken))
        {
            await OkAsync(deleted);
        }

        using var goneForBob = await GetAsync($"/api/v1/tracks/{tagged}", bob.AccessToken);

        await AssertErrorAsync(hiddenForBob, HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertErrorAsync(goneForBob, HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.Multiple(() =>
        {
            Assert.That(hiddenForNova["hidden"]!.GetValue<bool>(), Is.True);
            Assert.That(retagged["tags"]!.AsArray().Select(t => t!.GetValue<string>()), Is.EqualTo(new[] { "synthwave" }));
        });
    }

    private async Task<JsonNode> TrackAsync(Guid id, Tokens viewer) => (await OkAsync(await GetAsync($"/api/v1/tracks/{id}", viewer.AccessToken)))["data"]!;
}
