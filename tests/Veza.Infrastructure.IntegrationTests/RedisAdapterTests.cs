using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Veza.Domain.Ports;
using Veza.Domain.Sessions;
using Veza.Domain.Users;
using Veza.Infrastructure.Health;
using Veza.Infrastructure.Persistence;
using Veza.Infrastructure.RateLimiting;
using Veza.Infrastructure.Redis;
using Veza.Infrastructure.Sessions;
using Veza.Testing;
using Veza.TestKit;

namespace Veza.Infrastructure.IntegrationTests;

public class RedisAdapterTests : MigratedDatabaseFixture
{
    [Test]
    public async Task Two_nodes_share_one_rate_limit_counter()
    {
        var deployment = InfrastructureHost.NewDeployment();
        await using var nodeA = InfrastructureHost.Create(Database, TestServers.Redis, deployment: deployment);
        await using var nodeB = InfrastructureHost.Create(Database, TestServers.Redis, deployment: deployment);
        var rule = new RateLimitRule(3, TimeSpan.FromSeconds(30));
        var a = nodeA.GetRequiredService<IRateLimiter>();
        var b = nodeB.GetRequiredService<IRateLimiter>();
        Assert.That(a, Is.InstanceOf<RedisRateLimiter>());

        var decisions = new[]
        {
            await a.AcquireAsync("login:ip:1", rule, CancellationToken.None),
            await b.AcquireAsync("login:ip:1", rule, CancellationToken.None),
            await a.AcquireAsync("login:ip:1", rule, CancellationToken.None),
            await b.AcquireAsync("login:ip:1", rule, CancellationToken.None),
        };

        Assert.That(decisions.Select(d => d.Allowed), Is.EqualTo(new[] { true, true, true, false }));
        Assert.That(decisions[3].RetryAfter, Is.GreaterThan(TimeSpan.FromSeconds(25)).And.LessThanOrEqualTo(TimeSpan.FromSeconds(30)));
        Assert.That((await a.AcquireAsync("login:ip:2", rule, CancellationToken.None)).Allowed, Is.True, "keys are independent");
    }

    [Test]
    public async Task A_window_expires()
    {
        await using var node = InfrastructureHost.Create(Database, TestServers.Redis);
        var limiter = node.GetRequiredService<IRateLimiter>();
        var rule = new RateLimitRule(1, TimeSpan.FromMilliseconds(300));

        Assert.That((await limiter.AcquireAsync("k", rule, CancellationToken.None)).Allowed, Is.True);
        Assert.That((await limiter.AcquireAsync("k", rule, CancellationToken.None)).Allowed, Is.False);
        await Task.Delay(400);
        Assert.That((await limiter.AcquireAsync("k", rule, CancellationToken.None)).Allowed, Is.True);
    }

    [Test]
    public async Task When_redis_stops_the_node_falls_back_to_its_own_limits_reports_degraded_and_recovers()
    {
        using var redis = ServerProcess.Redis();
        await redis.StartAsync();
        await using var node = InfrastructureHost.Create(Database, $"127.0.0.1:{redis.Port}");
        var limiter = node.GetRequiredService<IRateLimiter>();
        var gateway = node.GetRequiredService<RedisGateway>();
        var health = new RedisHealthCheck(gateway);
        var rule = new RateLimitRule(2, TimeSpan.FromMinutes(1));
        Assert.That((await limiter.AcquireAsync("fallback", rule, CancellationToken.None)).Allowed, Is.True);
        Assert.That((await health.CheckHealthAsync(new HealthCheckContext())).Status, Is.EqualTo(HealthStatus.Healthy));

        await redis.StopAsync();

        var whileDown = new[]
        {
            await limiter.AcquireAsync("fallback", rule, CancellationToken.None),
            await limiter.AcquireAsync("fallback", rule, CancellationToken.None),
            await limiter.AcquireAsync("fallback", rule, CancellationToken.None),
        };
        Assert.That(whileDown.Select(d => d.Allowed), Is.EqualTo(new[] { true, true, false }), "the same limits hold in memory");
        Assert.That(gateway.IsDegraded, Is.True);
        Assert.That((await health.CheckHealthAsync(new HealthCheckContext())).Status, Is.EqualTo(HealthStatus.Degraded));

        await redis.StartAsync();
        Assert.That(await Eventually.TrueAsync(async () => (await health.CheckHealthAsync(new HealthCheckContext())).Status == HealthStatus.Healthy), Is.True);
        Assert.That(gateway.IsDegraded, Is.False);
    }

    [Test]
    public async Task A_revocation_on_one_node_is_seen_by_another_at_once()
    {
        var deployment = InfrastructureHost.NewDeployment();
        await using var nodeA = InfrastructureHost.Create(Database, TestServers.Redis, deployment: deployment);
        await using var nodeB = InfrastructureHost.Create(Database, TestServers.Redis, deployment: deployment);
        var sessionId = await CreateSessionAsync(nodeA, revoked: false);
        await using var scopeA = nodeA.CreateAsyncScope();
        await using var scopeB = nodeB.CreateAsyncScope();
        var a = scopeA.ServiceProvider.GetRequiredService<ISessionRevocationStore>();
        var b = scopeB.ServiceProvider.GetRequiredService<ISessionRevocationStore>();
        Assert.That(a, Is.InstanceOf<RedisSessionRevocationStore>());
        Assert.That(await b.IsRevokedAsync(sessionId, CancellationToken.None), Is.False);

        await a.MarkRevokedAsync(sessionId, CancellationToken.None);

        Assert.That(await b.IsRevokedAsync(sessionId, CancellationToken.None), Is.True);
    }

    [Test]
    public async Task With_redis_down_revocation_checks_ask_postgres_and_a_restart_resyncs_what_was_missed()
    {
        using var redis = ServerProcess.Redis();
        await redis.StartAsync();
        await using var node = InfrastructureHost.Create(Database, $"127.0.0.1:{redis.Port}");
        await node.GetRequiredService<RedisRevocationResync>().StartAsync(CancellationToken.None);
        var active = await CreateSessionAsync(node, revoked: false);
        await redis.StopAsync();
        var revokedWhileDown = await CreateSessionAsync(node, revoked: true);

        await using (var scope = node.CreateAsyncScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<ISessionRevocationStore>();
            Assert.That(await store.IsRevokedAsync(revokedWhileDown, CancellationToken.None), Is.True, "answered by PostgreSQL");
            Assert.That(await store.IsRevokedAsync(active, CancellationToken.None), Is.False);
        }

        // Recovery is noticed on the next successful call, which triggers the resync in the background.
        await redis.StartAsync();
        var gateway = node.GetRequiredService<RedisGateway>();
        var key = RedisSessionRevocationStore.KeyFor(gateway, revokedWhileDown);
        Assert.That(await Eventually.TrueAsync(async () =>
        {
            try
            {
                return await gateway.ExecuteAsync(db => db.KeyExistsAsync(key), CancellationToken.None);
            }
            catch (RedisUnavailableException)
            {
                return false;
            }
        }), Is.True, "the revocation made while Redis was down is back in Redis");
    }

    [Test]
    public async Task The_default_store_remembers_revocations_across_a_restart_and_sees_new_ones_at_once()
    {
        await using var before = InfrastructureHost.Create(Database);
        var revoked = await CreateSessionAsync(before, revoked: true);
        var active = await CreateSessionAsync(before, revoked: false);

        // A new process: its memory is empty until it loads from PostgreSQL at start-up.
        await using var restarted = InfrastructureHost.Create(Database);
        var store = restarted.GetRequiredService<InMemorySessionRevocationStore>();
        await store.StartAsync(CancellationToken.None);
        Assert.That(restarted.GetRequiredService<ISessionRevocationStore>(), Is.SameAs(store));
        Assert.That(store.IsLoaded, Is.True, "answers below come from memory, not from the PostgreSQL fallback");

        Assert.That(await store.IsRevokedAsync(revoked, CancellationToken.None), Is.True);
        Assert.That(await store.IsRevokedAsync(active, CancellationToken.None), Is.False);
        await store.MarkRevokedAsync(active, CancellationToken.None);
        Assert.That(await store.IsRevokedAsync(active, CancellationToken.None), Is.True);
    }

    private static async Task<Guid> CreateSessionAsync(IServiceProvider provider, bool revoked)
    {
        await using var scope = provider.CreateAsyncScope();
        var now = DateTimeOffset.UtcNow;
        var user = User.Register($"u{Guid.NewGuid():N}"[..20], $"{Guid.NewGuid():N}@example.com", "h", now);
        var session = Session.Start(user.Id, Guid.NewGuid().ToString("N"), now, SessionLifetime.Default, null, null);
        if (revoked)
        {
            session.Revoke(now, SessionRevocationReason.Logout);
        }

        scope.ServiceProvider.GetRequiredService<IUserRepository>().Add(user);
        scope.ServiceProvider.GetRequiredService<ISessionRepository>().Add(session);
        await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
        return session.Id;
    }
}
