using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;
using Veza.Application.Auth.EventHandlers;
using Veza.Domain.Ports;
using Veza.Infrastructure.Health;
using Veza.Infrastructure.Realtime;
using Veza.Infrastructure.Redis;
using Veza.Testing;
using Veza.TestKit;

namespace Veza.Infrastructure.IntegrationTests;

/// <summary>The Redis realtime fan-out and presence adapters, several nodes on one real Redis (and a private one to stop).</summary>
public class RedisRealtimeTests : MigratedDatabaseFixture
{
    private static readonly Dictionary<string, string?> FastPresence = new()
    {
        ["Presence:RenewInterval"] = "00:00:01",
        ["Presence:ConnectionLifetime"] = "00:00:30",
    };

    [Test]
    public async Task An_event_sent_on_one_node_reaches_the_subscribers_of_every_node_once_in_order_and_as_written()
    {
        var deployment = InfrastructureHost.NewDeployment();
        await using var nodeA = InfrastructureHost.Create(Database, TestServers.Redis, deployment: deployment);
        await using var nodeB = InfrastructureHost.Create(Database, TestServers.Redis, deployment: deployment);
        var (heardOnA, heardOnB) = (Listen(nodeA), Listen(nodeB));
        await StartRelayAsync(nodeA);
        await StartRelayAsync(nodeB);
        var notifier = nodeA.GetRequiredService<IRealtimeNotifier>();
        Assert.That(notifier, Is.InstanceOf<RedisRealtimeNotifier>());
        var room = Guid.NewGuid();
        var user = Guid.NewGuid();

        for (var i = 0; i < 20; i++)
        {
            await notifier.NotifyRoomAsync(room, "message", new { Content = $"n{i}", ClientMessageId = "c" }, CancellationToken.None);
        }

        await notifier.NotifyUserAsync(user, "notification", new { KindOfThing = "mention" }, CancellationToken.None);
        var station = Guid.NewGuid();
        await notifier.NotifyStationAsync(station, "now_playing", new { Title = "Loop" }, CancellationToken.None);

        Assert.That(await Eventually.TrueAsync(() => Task.FromResult(heardOnB.Count == 22)), Is.True, $"node B heard {heardOnB.Count}");
        await Task.Delay(200);
        Assert.Multiple(() =>
        {
            Assert.That(heardOnA, Has.Count.EqualTo(22), "the sending node delivers once, not again from Redis");
            Assert.That(heardOnB, Has.Count.EqualTo(22));
            var relayed = heardOnB.ToList();
            Assert.That(relayed.Take(20).Select(n => Json(n.Payload)), Is.EqualTo(Enumerable.Range(0, 20).Select(i => $$"""{"content":"n{{i}}","client_message_id":"c"}""")));
            Assert.That(relayed.Take(20).Select(n => n.RoomId), Is.All.EqualTo(room));
            Assert.That((relayed[20].UserId, relayed[20].Type, Json(relayed[20].Payload)), Is.EqualTo((user, "notification", """{"kind_of_thing":"mention"}""")));
            Assert.That((relayed[21].StationId, relayed[21].RoomId, relayed[21].Type, Json(relayed[21].Payload)), Is.EqualTo(((Guid?)station, (Guid?)null, "now_playing", """{"title":"Loop"}""")), "a station's watchers' event");
        });
    }

    [Test]
    public async Task A_subscription_dropped_behind_the_relays_back_is_noticed_by_its_probe_and_made_again()
    {
        var deployment = InfrastructureHost.NewDeployment();
        var quickChecks = new Dictionary<string, string?> { ["Redis:SubscriptionCheckInterval"] = "00:00:00.500" };
        await using var nodeA = InfrastructureHost.Create(Database, TestServers.Redis, deployment: deployment);
        await using var nodeB = InfrastructureHost.Create(Database, TestServers.Redis, deployment: deployment, settings: quickChecks);
        var heardOnB = Listen(nodeB);
        var gateway = nodeB.GetRequiredService<RedisGateway>();
        var readiness = new RealtimeRelayHealthCheck(nodeB.GetRequiredService<RedisRealtimeRelay>(), gateway);
        Assert.That((await readiness.CheckHealthAsync(new HealthCheckContext())).Status, Is.EqualTo(HealthStatus.Unhealthy), "not ready before it hears its own probe");
        await StartRelayAsync(nodeB);
        Assert.That((await readiness.CheckHealthAsync(new HealthCheckContext())).Status, Is.EqualTo(HealthStatus.Healthy));

        // The relay's subscription goes while its connection stays up (here the client is told to forget it;
        // StackExchange.Redis 1.x lost subscriptions by itself): nothing tells the relay, only its probe can.
        await gateway.UnsubscribeAsync(RedisChannel.Literal(gateway.KeyPrefix + RedisRealtimeNotifier.ChannelName), CancellationToken.None);

        var room = Guid.NewGuid();
        var sent = 0;
        var heardAgain = await Eventually.TrueAsync(async () =>
        {
            await nodeA.GetRequiredService<IRealtimeNotifier>().NotifyRoomAsync(room, "message", new { N = ++sent }, CancellationToken.None);
            return heardOnB.Any(n => n.RoomId == room);
        }, TimeSpan.FromSeconds(20));

        Assert.That(heardAgain, Is.True, "node B subscribed again after its probe went unanswered");
        Assert.That(heardOnB.All(n => n.Type == "message"), Is.True, "probes are never relayed as events");
    }

    [Test]
    public async Task A_session_revocation_signal_arrives_typed_on_the_other_node_so_its_connections_can_be_closed()
    {
        var deployment = InfrastructureHost.NewDeployment();
        await using var nodeA = InfrastructureHost.Create(Database, TestServers.Redis, deployment: deployment);
        await using var nodeB = InfrastructureHost.Create(Database, TestServers.Redis, deployment: deployment);
        var heardOnB = Listen(nodeB);
        await StartRelayAsync(nodeB);
        var signal = new SessionRevokedSignal(Guid.NewGuid(), "logout");

        await nodeA.GetRequiredService<IRealtimeNotifier>().NotifyUserAsync(Guid.NewGuid(), EndRevokedSessionsLiveConnections.Signal, signal, CancellationToken.None);

        Assert.That(await Eventually.TrueAsync(() => Task.FromResult(!heardOnB.IsEmpty)), Is.True);
        Assert.That(heardOnB.Single().Payload, Is.EqualTo(signal));
    }

    [Test]
    public async Task Several_connections_on_several_nodes_count_as_one_user_online()
    {
        var deployment = InfrastructureHost.NewDeployment();
        await using var nodeA = InfrastructureHost.Create(Database, TestServers.Redis, deployment: deployment);
        await using var nodeB = InfrastructureHost.Create(Database, TestServers.Redis, deployment: deployment);
        var (a, b) = (nodeA.GetRequiredService<IPresenceTracker>(), nodeB.GetRequiredService<IPresenceTracker>());
        Assert.That(a, Is.InstanceOf<RedisPresenceTracker>());
        var (nova, bob) = (Guid.NewGuid(), Guid.NewGuid());
        var none = CancellationToken.None;

        var steps = new List<bool>
        {
            await a.ConnectedAsync(nova, "a1", none),
            await b.ConnectedAsync(nova, "b1", none),
            await b.IsOnlineAsync(nova, none),
            await a.DisconnectedAsync(nova, "a1", none),
            await a.IsOnlineAsync(nova, none),
        };
        var onlineAmong = await a.OnlineAmongAsync([nova, bob], none);
        steps.Add(await b.DisconnectedAsync(nova, "b1", none));
        steps.Add(await a.IsOnlineAsync(nova, none));

        Assert.That(steps, Is.EqualTo(new[] { true, false, true, false, true, true, false }),
            "online on the first connection anywhere, offline after the last, whichever node held them");
        Assert.That(onlineAmong, Is.EquivalentTo(new[] { nova }));
    }

    [Test]
    public async Task Away_is_shared_across_nodes_only_for_a_connected_user_and_cleared_when_they_go_offline()
    {
        var deployment = InfrastructureHost.NewDeployment();
        await using var nodeA = InfrastructureHost.Create(Database, TestServers.Redis, deployment: deployment);
        await using var nodeB = InfrastructureHost.Create(Database, TestServers.Redis, deployment: deployment);
        var (a, b) = (nodeA.GetRequiredService<IPresenceTracker>(), nodeB.GetRequiredService<IPresenceTracker>());
        var nova = Guid.NewGuid();
        var none = CancellationToken.None;

        var whileOffline = await a.SetAwayAsync(nova, true, none);
        await a.ConnectedAsync(nova, "a1", none);
        var steps = new[]
        {
            await a.SetAwayAsync(nova, true, none),
            await b.SetAwayAsync(nova, true, none),
            await b.SetAwayAsync(nova, false, none),
            await a.SetAwayAsync(nova, true, none),
        };
        await a.DisconnectedAsync(nova, "a1", none);
        await b.ConnectedAsync(nova, "b1", none);
        var backOnline = await b.SetAwayAsync(nova, false, none);

        Assert.Multiple(() =>
        {
            Assert.That(whileOffline, Is.False, "nobody is away while offline");
            Assert.That(steps, Is.EqualTo(new[] { true, false, true, true }), "one status per user whichever node is asked");
            Assert.That(backOnline, Is.False, "going offline cleared away");
        });
    }

    [Test]
    public async Task The_users_of_a_node_that_died_go_offline_once_their_connections_expire_announced_by_one_node()
    {
        var deployment = InfrastructureHost.NewDeployment();
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var dead = InfrastructureHost.Create(Database, TestServers.Redis, clock: clock, deployment: deployment, settings: FastPresence);
        await using var nodeB = InfrastructureHost.Create(Database, TestServers.Redis, clock: clock, deployment: deployment, settings: FastPresence);
        await using var nodeC = InfrastructureHost.Create(Database, TestServers.Redis, clock: clock, deployment: deployment, settings: FastPresence);
        var nova = Guid.NewGuid();
        var bob = Guid.NewGuid();
        await dead.GetRequiredService<IPresenceTracker>().ConnectedAsync(nova, "x1", CancellationToken.None);
        await nodeB.GetRequiredService<IPresenceTracker>().ConnectedAsync(bob, "b1", CancellationToken.None);
        // The node stops without closing anything: its connections are simply never renewed again.
        await dead.DisposeAsync();
        var (b, c) = (nodeB.GetRequiredService<RedisPresenceTracker>(), nodeC.GetRequiredService<RedisPresenceTracker>());

        clock.Advance(TimeSpan.FromSeconds(20));
        await b.RenewAsync(CancellationToken.None);
        var early = await c.ExpireAsync(CancellationToken.None);
        var stillOnline = await c.IsOnlineAsync(nova, CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(15));
        var expiredByC = await c.ExpireAsync(CancellationToken.None);
        var expiredByB = await b.ExpireAsync(CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(early, Is.Empty);
            Assert.That(stillOnline, Is.True, "within its lifetime a connection counts");
            Assert.That(expiredByC, Is.EqualTo(new[] { nova }), "bob's node renewed his connection");
            Assert.That(expiredByB, Is.Empty, "one node announces each user");
            Assert.That(await b.IsOnlineAsync(nova, CancellationToken.None), Is.False);
            Assert.That(await c.IsOnlineAsync(bob, CancellationToken.None), Is.True);
        });
    }

    [Test]
    public async Task A_subscribe_given_up_on_leaves_nothing_behind_so_the_next_one_hears_each_message_once()
    {
        using var redis = ServerProcess.Redis();
        await redis.StartAsync();
        await using var node = InfrastructureHost.Create(Database, $"127.0.0.1:{redis.Port}", settings: new Dictionary<string, string?> { ["Redis:OperationTimeout"] = "00:00:01" });
        var gateway = node.GetRequiredService<RedisGateway>();
        var channel = RedisChannel.Literal(gateway.KeyPrefix + "subscribe-test");
        var heard = new ConcurrentQueue<string>();

        Assert.That(await Eventually.TrueAsync(async () =>
        {
            try
            {
                return await gateway.ExecuteAsync(async db => await db.PingAsync() > TimeSpan.Zero, CancellationToken.None);
            }
            catch (RedisUnavailableException)
            {
                return false;  // connecting may take longer than this test's 1 s budget
            }
        }), Is.True);

        // Redis (this test's own) holds every command for 4 s: the gateway gives up on the SUBSCRIBE after
        // 1 s, and Redis answers it later, when the client still holds the subscription it registered.
        await gateway.ExecuteAsync(db => db.ExecuteAsync("CLIENT", "PAUSE", "4000", "ALL"), CancellationToken.None);
        Assert.ThrowsAsync<RedisUnavailableException>(() => gateway.SubscribeAsync(channel, Into(heard), CancellationToken.None));
        Assert.That(await Eventually.TrueAsync(() => gateway.PingSubscriptionAsync(TimeSpan.FromSeconds(1), CancellationToken.None), TimeSpan.FromSeconds(15)), Is.True,
            "the subscription connection answers again (after the late SUBSCRIBE)");

        var subscription = await gateway.SubscribeAsync(channel, Into(heard), CancellationToken.None);
        for (var i = 0; i < 10; i++)
        {
            await gateway.ExecuteAsync(db => db.PublishAsync(channel, $"m{i}"), CancellationToken.None);
        }

        Assert.That(await gateway.PingSubscriptionAsync(TimeSpan.FromSeconds(5), CancellationToken.None), Is.True);
        Assert.That(await Eventually.TrueAsync(() => Task.FromResult(subscription.Pending == 0 && heard.Count >= 10), TimeSpan.FromSeconds(10)), Is.True);
        await Task.Delay(300);  // a second reader, if one were left, would have handed its copies on by now
        Assert.That(heard, Is.EqualTo(Enumerable.Range(0, 10).Select(i => $"m{i}")), "each message once, in order: no reader left over from the attempt given up on");
    }

    [Test]
    public async Task Without_redis_each_node_serves_its_own_clients_and_when_it_returns_relay_and_presence_resume()
    {
        using var redis = ServerProcess.Redis();
        await redis.StartAsync();
        var deployment = InfrastructureHost.NewDeployment();
        await using var nodeA = InfrastructureHost.Create(Database, $"127.0.0.1:{redis.Port}", deployment: deployment, settings: FastPresence);
        await using var nodeB = InfrastructureHost.Create(Database, $"127.0.0.1:{redis.Port}", deployment: deployment, settings: FastPresence);
        var (heardOnA, heardOnB) = (Listen(nodeA), Listen(nodeB));
        await StartRelayAsync(nodeB);
        var notifier = nodeA.GetRequiredService<IRealtimeNotifier>();
        var presenceA = nodeA.GetRequiredService<RedisPresenceTracker>();
        var presenceB = nodeB.GetRequiredService<IPresenceTracker>();
        var room = Guid.NewGuid();
        var nova = Guid.NewGuid();

        await redis.StopAsync();
        await notifier.NotifyRoomAsync(room, "message", new { N = 1 }, CancellationToken.None);
        var cameOnline = await presenceA.ConnectedAsync(nova, "a1", CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(heardOnA, Has.Count.EqualTo(1), "this node's clients are served");
            Assert.That(cameOnline, Is.True, "this node's own view answers");
            Assert.That(nodeA.GetRequiredService<RedisGateway>().IsDegraded, Is.True);
        });

        await redis.StartAsync();
        Assert.That(await Eventually.TrueAsync(async () =>
        {
            await notifier.NotifyRoomAsync(room, "message", new { N = 2 }, CancellationToken.None);
            return heardOnB.Any(n => Json(n.Payload) == """{"n":2}""");
        }), Is.True, "node B hears node A again once Redis is back");
        // The next renewals (every Presence:RenewInterval) put back what was recorded here alone.
        Assert.That(await Eventually.TrueAsync(async () =>
        {
            await presenceA.RenewAsync(CancellationToken.None);
            return await presenceB.IsOnlineAsync(nova, CancellationToken.None);
        }), Is.True, "a connection opened during the outage is shared once Redis is back");
    }

    private static Func<RedisValue, Task> Into(ConcurrentQueue<string> heard) => message =>
    {
        heard.Enqueue(message!);
        return Task.CompletedTask;
    };

    private static ConcurrentQueue<RealtimeNotification> Listen(IServiceProvider node)
    {
        var heard = new ConcurrentQueue<RealtimeNotification>();
        node.GetRequiredService<InProcessRealtimeNotifier>().Subscribe((n, _) =>
        {
            heard.Enqueue(n);
            return Task.CompletedTask;
        });
        return heard;
    }

    private static async Task StartRelayAsync(IServiceProvider node)
    {
        var relay = node.GetRequiredService<RedisRealtimeRelay>();
        await relay.StartAsync(CancellationToken.None);
        await relay.Subscribed.WaitAsync(TimeSpan.FromSeconds(20));
    }

    private static string Json(object payload) => JsonSerializer.Serialize(payload, RealtimeJson.Options);
}
