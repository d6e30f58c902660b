using Microsoft.Extensions.Diagnostics.HealthChecks;
using Veza.Infrastructure.Redis;

namespace Veza.Infrastructure.Health;

/// <summary>Redis down is not fatal (adapters fall back to this node's state), so it reports Degraded.</summary>
public sealed class RedisHealthCheck(RedisGateway redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await redis.ExecuteAsync(db => db.PingAsync(), cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (RedisUnavailableException)
        {
            return HealthCheckResult.Degraded("Redis is unreachable; rate limits and revocations run on this node's fallbacks, and reads skip the cache.");
        }
    }
}
