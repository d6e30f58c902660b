using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Veza.Domain.Ports;
using Veza.Infrastructure.Identity;
using Veza.Infrastructure.Persistence;
using Veza.Infrastructure.Redis;

namespace Veza.Infrastructure.Sessions;

/// <summary>
/// Copies recent revocations from PostgreSQL into Redis at start-up and whenever Redis recovers, so a
/// revocation made while Redis was down is not forgotten once nodes trust Redis again.
/// </summary>
public sealed class RedisRevocationResync(RedisGateway redis, IServiceScopeFactory scopes, IClock clock, IOptions<JwtOptions> jwt) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        redis.Recovered += ResyncAsync;
        _ = Task.Run(async () =>
        {
            try
            {
                await ResyncAsync();
            }
            catch (RedisUnavailableException)
            {
                // Redis is down at start-up: Recovered fires once it is back.
            }
        }, CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        redis.Recovered -= ResyncAsync;
        return Task.CompletedTask;
    }

    public async Task ResyncAsync()
    {
        var since = clock.UtcNow - jwt.Value.AccessTokenLifetime - JwtOptions.ClockSkew;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VezaDbContext>();
        var revoked = await db.Sessions.AsNoTracking().Where(s => s.RevokedAt != null && s.RevokedAt > since).Select(s => s.Id).ToListAsync();
        foreach (var sessionId in revoked)
        {
            await redis.ExecuteAsync(r => r.StringSetAsync(RedisSessionRevocationStore.KeyFor(redis, sessionId), "1", jwt.Value.AccessTokenLifetime + JwtOptions.ClockSkew), CancellationToken.None);
        }
    }
}
