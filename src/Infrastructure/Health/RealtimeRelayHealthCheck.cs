using Microsoft.Extensions.Diagnostics.HealthChecks;
using Veza.Infrastructure.Realtime;
using Veza.Infrastructure.Redis;

namespace Veza.Infrastructure.Health;

/// <summary>
/// Whether this node hears the other nodes' realtime events (its Redis subscription answered its last
/// probe). Until the first probe comes back while Redis answers, the node is not ready: a client connected
/// to it would miss what others say. With Redis away it is only degraded, like the rest of Redis's
/// fallbacks, so an outage never takes a node out of rotation.
/// </summary>
public sealed class RealtimeRelayHealthCheck(RedisRealtimeRelay relay, RedisGateway redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (relay.Hearing)
        {
            return HealthCheckResult.Healthy();
        }

        try
        {
            await redis.ExecuteAsync(db => db.PingAsync(), cancellationToken);
        }
        catch (RedisUnavailableException)
        {
            return HealthCheckResult.Degraded("Redis is unreachable: this node's clients hear only this node's events.");
        }

        return relay.Subscribed.IsCompleted
            ? HealthCheckResult.Degraded("The realtime subscription missed its last probe and is being made again.")
            : HealthCheckResult.Unhealthy("Not yet hearing the other nodes' realtime events (the subscription is being checked).");
    }
}
