using System.Net;

namespace Veza.Api.FunctionalTests;

public class SocialGraphTests : UserApiTestBase
{
    [Test]
    public async Task Follow_is_idempotent_and_shows_in_followers_following_and_the_profile()
    {
        var nova = await UserAsync("dj_nova");
        var bob = await UserAsync("bass_bob");
        var carla = await UserAsync("carla");

        var followed = await OkAsync(await PostAsync($"/api/v1/users/{nova.UserId}/follow", new { }, bob.AccessToken));
        await OkAsync(await PostAsync($"/api/v1/users/{nova.UserId}/follow", new { }, bob.AccessToken));
        await OkAsync(await PostAsync($"/api/v1/users/{nova.UserId}/follow", new { }, carla.AccessToken));

        var followers = await OkAsync(await GetAsync($"/api/v1/users/{nova.UserId}/followers", bob.AccessToken));
        var following = await OkAsync(await GetAsync($"/api/v1/users/{bob.UserId}/following", carla.AccessToken));
        var profile = (await OkAsync(await GetAsync($"/api/v1/users/{nova.UserId}", bob.AccessToken)))["data"]!;
        var paged = await OkAsync(await GetAsync($"/api/v1/users/{nova.UserId}/followers?limit=1&page=2", bob.AccessToken));
        Assert.Multiple(() =>
        {
            Assert.That(followed["data"]!["following"]!.GetValue<bool>(), Is.True);
            Assert.That(Usernames(followers), Is.EqualTo(new[] { "carla", "bass_bob" }), "newest first");
            Assert.That(followers["pagination"]!["total"]!.GetValue<long>(), Is.EqualTo(2));
            Assert.That(Usernames(following), Is.EqualTo(new[] { "dj_nova" }));
            Assert.That(Usernames(paged), Is.EqualTo(new[] { "bass_bob" }));
            Assert.That(paged["pagination"]!["has_prev"]!.GetValue<bool>(), Is.True);
            Assert.That(profile["followers_count"]!.GetValue<long>(), Is.EqualTo(2));
            Assert.That(profile["following_count"]!.GetValue<long>(), Is.Zero);
            Assert.That(profile["is_following"]!.GetValue<bool>(), Is.True);
        });
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM follows"), Is.EqualTo(2));
    }

    [Test]
    public async Task Unfollow_is_idempotent()
    {
        var nova = await UserAsync("dj_nova");
        var bob = await UserAsync("bass_bob");
        await OkAsync(await PostAsync($"/api/v1/users/{nova.UserId}/follow", new { }, bob.AccessToken));

        var first = await OkAsync(await DeleteAsync($"/api/v1/users/{nova.UserId}/follow", null, bob.AccessToken));
        await OkAsync(await DeleteAsync($"/api/v1/users/{nova.UserId}/follow", null, bob.AccessToken));

        Assert.That(first["data"]!["following"]!.GetValue<bool>(), Is.False);
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM follows"), Is.Zero);
    }

    [Test]
    public async Task Following_yourself_is_422_and_an_unknown_user_is_404()
    {
        var nova = await UserAsync("dj_nova");

        await AssertErrorAsync(await PostAsync($"/api/v1/users/{nova.UserId}/follow", new { }, nova.AccessToken), HttpStatusCode.UnprocessableEntity, "INVALID_STATE");
        await AssertErrorAsync(await PostAsync($"/api/v1/users/{Guid.NewGuid()}/follow", new { }, nova.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertErrorAsync(await DeleteAsync($"/api/v1/users/{Guid.NewGuid()}/follow", null, nova.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertErrorAsync(await GetAsync($"/api/v1/users/{Guid.NewGuid()}/followers", nova.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertErrorAsync(await GetAsync($"/api/v1/users/{Guid.NewGuid()}/following", nova.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertErrorAsync(await PostAsync($"/api/v1/users/{nova.UserId}/follow", new { }), HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM follows"), Is.Zero);
    }

    [Test]
    public async Task A_block_removes_follows_both_ways_and_stops_following_either_way_until_lifted()
    {
        var nova = await UserAsync("dj_nova");
        var troll = await UserAsync("troll");
        await OkAsync(await PostAsync($"/api/v1/users/{nova.UserId}/follow", new { }, troll.AccessToken));
        await OkAsync(await PostAsync($"/api/v1/users/{troll.UserId}/follow", new { }, nova.AccessToken));

        var blocked = await OkAsync(await PostAsync($"/api/v1/users/{troll.UserId}/block", new { }, nova.AccessToken));
        await OkAsync(await PostAsync($"/api/v1/users/{troll.UserId}/block", new { }, nova.AccessToken));

        Assert.That(blocked["data"]!["blocked"]!.GetValue<bool>(), Is.True);
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM follows"), Is.Zero);
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM blocks"), Is.EqualTo(1));
        await AssertErrorAsync(await PostAsync($"/api/v1/users/{nova.UserId}/follow", new { }, troll.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");
        await AssertErrorAsync(await PostAsync($"/api/v1/users/{troll.UserId}/follow", new { }, nova.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");

        var seenByTroll = (await OkAsync(await GetAsync($"/api/v1/users/{nova.UserId}", troll.AccessToken)))["data"]!;
        var seenByNova = (await OkAsync(await GetAsync($"/api/v1/users/{troll.UserId}", nova.AccessToken)))["data"]!;
        var blocks = await OkAsync(await GetAsync("/api/v1/users/me/blocks", nova.AccessToken));
        Assert.Multiple(() =>
        {
            Assert.That(seenByTroll["restricted"]!.GetValue<bool>(), Is.True);
            Assert.That(seenByTroll["created_at"], Is.Null);
            Assert.That(seenByNova["is_blocking"]!.GetValue<bool>(), Is.True);
            Assert.That(Usernames(blocks), Is.EqualTo(new[] { "troll" }));
            Assert.That(blocks["pagination"]!["total"]!.GetValue<long>(), Is.EqualTo(1));
        });

        var lifted = await OkAsync(await DeleteAsync($"/api/v1/users/{troll.UserId}/block", null, nova.AccessToken));
        await OkAsync(await DeleteAsync($"/api/v1/users/{troll.UserId}/block", null, nova.AccessToken));
        Assert.That(lifted["data"]!["blocked"]!.GetValue<bool>(), Is.False);
        await OkAsync(await PostAsync($"/api/v1/users/{nova.UserId}/follow", new { }, troll.AccessToken));
        Assert.That(Usernames(await OkAsync(await GetAsync("/api/v1/users/me/blocks", nova.AccessToken))), Is.Empty);
    }

    [Test]
    public async Task Blocking_yourself_is_422_and_an_unknown_user_is_404()
    {
        var nova = await UserAsync("dj_nova");

        await AssertErrorAsync(await PostAsync($"/api/v1/users/{nova.UserId}/block", new { }, nova.AccessToken), HttpStatusCode.UnprocessableEntity, "INVALID_STATE");
        await AssertErrorAsync(await PostAsync($"/api/v1/users/{Guid.NewGuid()}/block", new { }, nova.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertErrorAsync(await DeleteAsync($"/api/v1/users/{Guid.NewGuid()}/block", null, nova.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertErrorAsync(await GetAsync("/api/v1/users/me/blocks"), HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await AssertErrorAsync(await GetAsync("/api/v1/users/me/blocks?limit=500", nova.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [TestCase("followers")]
    [TestCase("following")]
    public async Task Follow_lists_of_a_private_profile_are_403_to_others_but_not_to_the_owner_or_an_admin(string list)
    {
        var nova = await UserAsync("dj_nova");
        var bob = await UserAsync("bass_bob");
        var admin = await AdminAsync();
        await OkAsync(await PostAsync($"/api/v1/users/{nova.UserId}/follow", new { }, bob.AccessToken));
        await OkAsync(await PostAsync($"/api/v1/users/{bob.UserId}/follow", new { }, nova.AccessToken));
        await OkAsync(await PutAsync("/api/v1/users/me/preferences", new { privacy = new { profile = "private" } }, nova.AccessToken));

        await AssertErrorAsync(await GetAsync($"/api/v1/users/{nova.UserId}/{list}", bob.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");
        var own = await OkAsync(await GetAsync($"/api/v1/users/{nova.UserId}/{list}", nova.AccessToken));
        var byAdmin = await OkAsync(await GetAsync($"/api/v1/users/{nova.UserId}/{list}", admin.AccessToken));

        Assert.That(Usernames(own), Is.EqualTo(new[] { "bass_bob" }));
        Assert.That(Usernames(byAdmin), Is.EqualTo(new[] { "bass_bob" }));
    }

    [TestCase("tracks")]
    [TestCase("likes")]
    [TestCase("playlists")]
    public async Task The_lists_of_a_private_or_blocking_profile_are_its_owners_and_admins_only(string list)
    {
        var nova = await UserAsync("dj_nova");
        var bob = await UserAsync("bass_bob");
        var troll = await UserAsync("troll");
        var admin = await AdminAsync();
        await OkAsync(await PostAsync($"/api/v1/users/{troll.UserId}/block", new { }, nova.AccessToken));
        using (var open = await GetAsync($"/api/v1/users/{nova.UserId}/{list}", bob.AccessToken))
        {
            Assert.That(open.StatusCode, Is.EqualTo(HttpStatusCode.OK), "a public profile's lists are open");
        }

        await AssertErrorAsync(await GetAsync($"/api/v1/users/{nova.UserId}/{list}", troll.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");
        await OkAsync(await PutAsync("/api/v1/users/me/preferences", new { privacy = new { profile = "private" } }, nova.AccessToken));

        await AssertErrorAsync(await GetAsync($"/api/v1/users/{nova.UserId}/{list}", bob.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");
        if (list == "playlists")
        {
            await AssertErrorAsync(await GetAsync($"/api/v1/users/{nova.UserId}/{list}"), HttpStatusCode.Forbidden, "FORBIDDEN");
        }

        await OkAsync(await GetAsync($"/api/v1/users/{nova.UserId}/{list}", nova.AccessToken));
        await OkAsync(await GetAsync($"/api/v1/users/{nova.UserId}/{list}", admin.AccessToken));
    }

    [TestCase("followers")]
    [TestCase("following")]
    public async Task Follow_lists_are_403_to_a_user_the_owner_blocks(string list)
    {
        var nova = await UserAsync("dj_nova");
        var troll = await UserAsync("troll");
        var carla = await UserAsync("carla");
        await OkAsync(await PostAsync($"/api/v1/users/{troll.UserId}/block", new { }, nova.AccessToken));

        await AssertErrorAsync(await GetAsync($"/api/v1/users/{nova.UserId}/{list}", troll.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");
        await OkAsync(await GetAsync($"/api/v1/users/{nova.UserId}/{list}", carla.AccessToken));
        await OkAsync(await GetAsync($"/api/v1/users/{troll.UserId}/{list}", nova.AccessToken));
    }

    [Test]
    public async Task A_follow_racing_a_block_of_the_same_pair_never_survives_it()
    {
        var nova = await UserAsync("dj_nova");
        var troll = await UserAsync("troll");
        // Widen the window between a follow's block check and its commit, so the race shows every time it can happen.
        await Database.ScalarAsync<object>("""
            CREATE FUNCTION test_slow_follow() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(0.1); RETURN NEW; END $$;
            CREATE TRIGGER test_slow_follow BEFORE INSERT ON follows FOR EACH ROW EXECUTE FUNCTION test_slow_follow();
            """);
        try
        {
            await RaceFollowsAndBlocksAsync(nova, troll);
        }
        finally
        {
            await Database.ScalarAsync<object>("DROP TRIGGER test_slow_follow ON follows; DROP FUNCTION test_slow_follow();");
        }
    }

    private async Task RaceFollowsAndBlocksAsync(Tokens nova, Tokens troll)
    {
        for (var round = 0; round < 5; round++)
        {
            await OkAsync(await DeleteAsync($"/api/v1/users/{troll.UserId}/block", null, nova.AccessToken));
            var requests = Enumerable.Range(0, 10).SelectMany(_ => new[]
            {
                PostAsync($"/api/v1/users/{nova.UserId}/follow", new { }, troll.AccessToken),
                PostAsync($"/api/v1/users/{troll.UserId}/block", new { }, nova.AccessToken),
            }).ToList();
            var responses = await Task.WhenAll(requests);

            Assert.That(responses.Select(r => r.StatusCode), Is.All.AnyOf(HttpStatusCode.OK, HttpStatusCode.Forbidden), $"round {round}");
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM blocks WHERE blocker_id = @a AND blocked_id = @b", ("a", nova.UserId), ("b", troll.UserId)), Is.EqualTo(1), $"round {round}");
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM follows"), Is.Zero, $"round {round}: a follow survived the block");
        }
    }
}
