using System.Net;
using Veza.Testing;

namespace Veza.Api.FunctionalTests;

/// <summary>GET /users/{id} through the cache: a change is seen at once, and one viewer's flags never reach another.</summary>
public class ProfileCacheTests : UserApiTestBase
{
    [Test]
    public async Task A_cached_profile_shows_a_change_at_once_and_keeps_each_viewers_own_flags()
    {
        var nova = await UserAsync("dj_nova");
        var bob = await UserAsync("bass_bob");
        var carla = await UserAsync("carla");
        await OkAsync(await GetAsync($"/api/v1/users/{nova.UserId}", bob.AccessToken));

        await OkAsync(await PutAsync("/api/v1/users/me", new { bio = "Deep house" }, nova.AccessToken));
        await OkAsync(await PostAsync($"/api/v1/users/{nova.UserId}/follow", new { }, bob.AccessToken));
        var seenByBob = (await OkAsync(await GetAsync($"/api/v1/users/{nova.UserId}", bob.AccessToken)))["data"]!;
        var seenByCarla = (await OkAsync(await GetAsync($"/api/v1/users/{nova.UserId}", carla.AccessToken)))["data"]!;

        Assert.Multiple(() =>
        {
            Assert.That(seenByBob["bio"]!.GetValue<string>(), Is.EqualTo("Deep house"));
            Assert.That(seenByBob["followers_count"]!.GetValue<long>(), Is.EqualTo(1));
            Assert.That(seenByBob["is_following"]!.GetValue<bool>(), Is.True);
            Assert.That(seenByCarla["followers_count"]!.GetValue<long>(), Is.EqualTo(1));
            Assert.That(seenByCarla["is_following"]!.GetValue<bool>(), Is.False, "bob's flag is not cached for carla");
            Assert.That(seenByCarla["email"], Is.Null);
        });
    }
}

/// <summary>Redis configured but unreachable: the cache is a miss, requests still answer, and /health names Redis as degraded.</summary>
public class CacheOutageTests : UserApiTestBase
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Redis:Configuration"] = $"127.0.0.1:{ServerProcess.FreePort()}",
        ["Redis:OperationTimeout"] = "00:00:00.200",
    };

    [Test]
    public async Task With_redis_unreachable_a_profile_still_answers_200_and_health_names_redis()
    {
        var nova = await UserAsync("dj_nova");
        var bob = await UserAsync("bass_bob");

        using var first = await GetAsync($"/api/v1/users/{nova.UserId}", bob.AccessToken);
        using var second = await GetAsync($"/api/v1/users/{nova.UserId}", bob.AccessToken);
        var health = (await OkAsync(await GetAsync("/health")))["data"]!;

        Assert.Multiple(() =>
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(health["status"]!.GetValue<string>(), Is.EqualTo("degraded"));
            Assert.That(health["degraded"]!.AsArray().Select(n => n!.GetValue<string>()), Is.EquivalentTo(new[] { "redis", "realtime" }), "and what rides on it: other nodes' chat events");
            Assert.That(health["components"]!["redis"]!["status"]!.GetValue<string>(), Is.EqualTo("degraded"));
        });
    }
}
