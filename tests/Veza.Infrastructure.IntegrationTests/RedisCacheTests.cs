using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Veza.Application.Chat.Queries.ListChatRooms;
using Veza.Application.Common.Caching;
using Veza.Application.Common.ReadModels;
using Veza.Application.Tracks;
using Veza.Application.Users;
using Veza.Domain.Ports;
using Veza.Domain.Tracks;
using Veza.Domain.Users;
using Veza.Infrastructure.Caching;
using Veza.Infrastructure.Messaging;
using Veza.Infrastructure.Redis;
using Veza.TestKit;
using Veza.Testing;

namespace Veza.Infrastructure.IntegrationTests;

/// <summary>The cache adapters: Redis shared by nodes (VEZA_TEST_REDIS), its outage a miss, and invalidation heard on the event bus.</summary>
public class RedisCacheTests : MigratedDatabaseFixture
{
    private static readonly UserProfileData Profile = new(
        Guid.NewGuid(), "dj_nova", "nova@example.com", "Nova", null, null, "Deep house", "Lyon", ["https://example.com/nova"], Guid.NewGuid(),
        new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), AccountStatus.Active, ProfileVisibility.Private, 3, 4, false, false, false, 4.5, 2);

    [Test]
    public async Task Two_nodes_share_entries_through_redis_and_a_remove_drops_them_for_both()
    {
        var deployment = InfrastructureHost.NewDeployment();
        await using var nodeA = InfrastructureHost.Create(Database, TestServers.Redis, deployment: deployment);
        await using var nodeB = InfrastructureHost.Create(Database, TestServers.Redis, deployment: deployment);
        var a = nodeA.GetRequiredService<ICache>();
        var b = nodeB.GetRequiredService<ICache>();
        Assert.That(a, Is.InstanceOf<RedisCache>());
        var key = CacheKeys.Profile(Profile.Id);

        await a.SetAsync(key, Profile, TimeSpan.FromMinutes(1), CancellationToken.None);
        var seenByB = await b.GetAsync<UserProfileData>(key, CancellationToken.None);
        await b.RemoveAsync([key], CancellationToken.None);
        var afterRemove = await a.GetAsync<UserProfileData>(key, CancellationToken.None);

        Assert.That(seenByB, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(seenByB! with { Links = Profile.Links }, Is.EqualTo(Profile));
            Assert.That(seenByB.Links, Is.EqualTo(Profile.Links));
            Assert.That(afterRemove, Is.Null);
        });
    }

    [Test]
    public async Task An_entry_that_does_not_parse_is_a_miss_not_a_failure()
    {
        await using var node = InfrastructureHost.Create(Database, TestServers.Redis);
        var cache = node.GetRequiredService<ICache>();
        var redis = node.GetRequiredService<RedisGateway>();
        var key = CacheKeys.Profile(Guid.NewGuid());
        // A damaged entry.
        await redis.ExecuteAsync(db => db.StringSetAsync(redis.KeyPrefix + RedisCache.KeyNamespace + key, "{\"id\": [not json"), CancellationToken.None);

        var read = await cache.GetAsync<UserProfileData>(key, CancellationToken.None);
        await cache.SetAsync(key, Profile, TimeSpan.FromMinutes(1), CancellationToken.None);

        Assert.That(read, Is.Null);
        Assert.That((await cache.GetAsync<UserProfileData>(key, CancellationToken.None))?.Id, Is.EqualTo(Profile.Id), "the source's value replaces it");
    }

    [Test]
    public async Task Track_metadata_and_the_public_room_list_come_back_from_redis_as_they_were_stored()
    {
        await using var node = InfrastructureHost.Create(Database, TestServers.Redis);
        var cache = node.GetRequiredService<ICache>();
        var track = new TrackData(
            Guid.NewGuid(), Profile.Id, "dj_nova", "Night Drive", "Nova", "Nights", "Live.", "synthwave", TimeSpan.FromSeconds(90.5), TrackStatus.Failed, TrackFailure.Corrupt,
            TrackVisibility.Unlisted, true, false, true, true, Guid.NewGuid(), -14.2, 0.2, ["synthwave", "night drive"], 12, 3, false,
            new DateTimeOffset(2026, 1, 3, 0, 0, 0, TimeSpan.Zero), "copyright", Profile.CreatedAt, Profile.CreatedAt.AddDays(1), AllowRadio: false);
        var rooms = new PublicChatRooms([new ChatRoomActivity(Guid.NewGuid(), Profile.CreatedAt), new ChatRoomActivity(Guid.NewGuid(), Profile.CreatedAt.AddMinutes(-5))]);

        await cache.SetAsync(CacheKeys.Track(track.Id), track, TimeSpan.FromMinutes(1), CancellationToken.None);
        await cache.SetAsync(CacheKeys.PublicChatRooms, rooms, TimeSpan.FromMinutes(1), CancellationToken.None);
        var trackBack = await cache.GetAsync<TrackData>(CacheKeys.Track(track.Id), CancellationToken.None);
        var roomsBack = await cache.GetAsync<PublicChatRooms>(CacheKeys.PublicChatRooms, CancellationToken.None);

        Assert.That(trackBack, Is.Not.Null);
        Assert.That(roomsBack, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(trackBack! with { Tags = track.Tags }, Is.EqualTo(track));
            Assert.That(trackBack.Tags, Is.EqualTo(track.Tags));
            Assert.That(roomsBack!.Rooms, Is.EqualTo(rooms.Rooms));
        });
    }

    [Test]
    public async Task An_entry_expires_after_its_time_to_live()
    {
        await using var node = InfrastructureHost.Create(Database, TestServers.Redis);
        var cache = node.GetRequiredService<ICache>();

        await cache.SetAsync("short", Profile, TimeSpan.FromMilliseconds(300), CancellationToken.None);
        Assert.That(await cache.GetAsync<UserProfileData>("short", CancellationToken.None), Is.Not.Null);
        await Task.Delay(600);

        Assert.That(await cache.GetAsync<UserProfileData>("short", CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task With_redis_unreachable_a_get_is_a_miss_and_writes_do_nothing_without_throwing()
    {
        await using var node = InfrastructureHost.Create(Database, $"127.0.0.1:{ServerProcess.FreePort()}");
        var cache = node.GetRequiredService<ICache>();

        await cache.SetAsync("k", Profile, TimeSpan.FromMinutes(1), CancellationToken.None);
        await cache.RemoveAsync(["k"], CancellationToken.None);

        Assert.That(await cache.GetAsync<UserProfileData>("k", CancellationToken.None), Is.Null);
        Assert.That(node.GetRequiredService<RedisGateway>().IsDegraded, Is.True);
    }

    [Test]
    public async Task A_node_starts_with_nats_away_and_hears_invalidations_once_nats_is_back()
    {
        using var nats = ServerProcess.Nats();
        await using var node = InfrastructureHost.Create(Database, nats: $"nats://127.0.0.1:{nats.Port}");
        var cache = node.GetRequiredService<ICache>();
        var bus = node.GetRequiredService<IEventBus>();
        using var listener = new CacheInvalidationListener(bus, cache, NullLogger<CacheInvalidationListener>.Instance);

        var started = listener.StartAsync(CancellationToken.None);
        await started.WaitAsync(TimeSpan.FromSeconds(5));
        await Task.Delay(500);
        var subscribedWhileAway = listener.Subscribed.IsCompleted;
        await nats.StartAsync();
        await listener.Subscribed.WaitAsync(TimeSpan.FromSeconds(60));
        var key = CacheKeys.Profile(Profile.Id);
        await cache.SetAsync(key, Profile, TimeSpan.FromMinutes(1), CancellationToken.None);
        var invalidated = CacheInvalidated.Profiles(DateTimeOffset.UtcNow, Profile.Id);
        await bus.PublishAsync(new IntegrationMessage(Guid.NewGuid(), invalidated.EventType, MessageJson.Serialize(invalidated), invalidated.OccurredAt), CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(started.IsCompletedSuccessfully, Is.True, "start-up does not wait for, or fail on, the broker");
            Assert.That(subscribedWhileAway, Is.False);
            Assert.That(await Eventually.TrueAsync(async () => await cache.GetAsync<UserProfileData>(key, CancellationToken.None) is null), Is.True, "heard once subscribed");
        });
        await listener.StopAsync(CancellationToken.None);
    }

    [Test]
    public async Task The_in_memory_cache_drops_a_key_when_its_invalidation_is_published_on_the_bus()
    {
        await using var node = InfrastructureHost.Create(Database);
        var cache = node.GetRequiredService<ICache>();
        Assert.That(cache, Is.InstanceOf<InMemoryCache>());
        using var listener = new CacheInvalidationListener(node.GetRequiredService<IEventBus>(), cache, NullLogger<CacheInvalidationListener>.Instance);
        await listener.StartAsync(CancellationToken.None);
        await listener.Subscribed.WaitAsync(TimeSpan.FromSeconds(10));
        var key = CacheKeys.Profile(Profile.Id);
        await cache.SetAsync(key, Profile, TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.That(await cache.GetAsync<UserProfileData>(key, CancellationToken.None), Is.SameAs(Profile));

        var invalidated = CacheInvalidated.Profiles(DateTimeOffset.UtcNow, Profile.Id);
        await node.GetRequiredService<IEventBus>().PublishAsync(
            new IntegrationMessage(Guid.NewGuid(), invalidated.EventType, MessageJson.Serialize(invalidated), invalidated.OccurredAt), CancellationToken.None);

        Assert.That(await Eventually.TrueAsync(async () => await cache.GetAsync<UserProfileData>(key, CancellationToken.None) is null), Is.True);
        await listener.StopAsync(CancellationToken.None);
    }
}
