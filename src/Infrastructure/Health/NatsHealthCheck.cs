using Microsoft.Extensions.Diagnostics.HealthChecks;
using NATS.Client;
using Veza.Infrastructure.Messaging;

namespace Veza.Infrastructure.Health;

/// <summary>NATS down is not fatal (events wait in the outbox), so it reports Degraded.</summary>
public sealed class NatsHealthCheck(NatsEventBus bus) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await bus.EnsureConnectedAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is NATSException or NatsUnavailableException)
        {
            return HealthCheckResult.Degraded("NATS is unreachable; integration events wait in the outbox.");
        }
    }
}
