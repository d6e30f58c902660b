using Microsoft.Extensions.Diagnostics.HealthChecks;
using Veza.Infrastructure.Realtime;
using Veza.Infrastructure.Redis;

namespace Veza.Infrastructure.Health;

/// <summary>
/// Whether this node hears the other nodes' realtime events (its Redis subscription answered its last
/// probe). Until the first probe comes back the node is not ready: a client connected to it would miss
/// what others say. With Redis away it is only degraded, like the rest of Redis's fallbacks, so an outage
/// never takes a node out of rotation.
/// </summary>
public sealed class RealtimeRelayHealthCheck(RedisRealtimeRelay relay, RedisGateway redis) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(
            relay.Hearing ? HealthCheckResult.Healthy()
            : redis.IsDegraded ? HealthCheckResult.Degraded("Redis is unreachable: this node's clients hear only this node's events.")
            : relay.Subscribed.IsCompleted ? HealthCheckResult.Degraded("The realtime subscription missed its last probe and is being made again.")
            : HealthCheckResult.Unhealthy("Not yet hearing the other nodes' realtime events (the subscription is being checked)."));
}
