using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Veza.Domain.Ports;
using Veza.Infrastructure.Identity;
using Veza.Infrastructure.Redis;

namespace Veza.Infrastructure.Sessions;

/// <summary>
/// Copies recent revocations from PostgreSQL into Redis at start-up and whenever Redis recovers, so a
/// revocation made while Redis was down is not forgotten once nodes trust Redis again.
/// </summary>
public sealed class RedisRevocationResync(
    RedisGateway redis, RedisSessionRevocationStore store, DatabaseSessionRevocationStore database, IClock clock, IOptions<JwtOptions> jwt)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        redis.Recovered += ResyncAsync;
        _ = Task.Run(
            async () =>
            {
                try
                {
                    await ResyncAsync();
                }
                catch (RedisUnavailableException)
                {
                    // Redis is down at start-up: Recovered fires once it is back.
                }
            },
            CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        redis.Recovered -= ResyncAsync;
        return Task.CompletedTask;
    }

    public async Task ResyncAsync()
    {
        foreach (var (sessionId, _) in await database.ListRevokedSinceAsync(clock.UtcNow - jwt.Value.RevocationRetention, CancellationToken.None))
        {
            await store.WriteAsync(sessionId, CancellationToken.None);
        }
    }
}
