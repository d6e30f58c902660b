using System.Text.Json.Serialization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Veza.Api.Http;
using Veza.Domain.Ports;
using Veza.Infrastructure;

namespace Veza.Api.Endpoints.Health;

public sealed record ComponentHealthDto(string Status, double LatencyMs, string? Description);

/// <summary>Version, uptime and components only for loopback and the configured networks (<see cref="HealthDetailsAccess"/>).</summary>
public sealed record HealthDto(
    string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Version = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? UptimeSeconds = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, ComponentHealthDto>? Components = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Degraded = null);

/// <summary>Degraded names the dependencies (database, redis, nats, storage) that are not healthy, for the same callers as /health's components.</summary>
public sealed record ReadinessDto(
    bool Ready,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Degraded = null);

/// <summary>When this process started and what it is: for /health.</summary>
public sealed class AppInfo
{
    // The process start, not this object's creation (it is created on the first /health call).
    public DateTimeOffset StartedAt { get; } = new(System.Diagnostics.Process.GetCurrentProcess().StartTime.ToUniversalTime());

    public string Version { get; } = typeof(AppInfo).Assembly
        .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
        .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}

public sealed class HealthEndpoints : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var ops = app.MapGroup(string.Empty).WithTags("Ops").AllowAnonymous();

        ops.MapGet("/health", async (HealthCheckService health, AppInfo info, IClock clock, HealthDetailsAccess access, HttpContext http, CancellationToken ct) =>
            {
                var report = await health.CheckHealthAsync(ct);
                if (!access.Allows(http.Connection.RemoteIpAddress))
                {
                    return ApiResults.Ok(new HealthDto(Describe(report.Status)));
                }

                var components = report.Entries.ToDictionary(
                    e => e.Key,
                    e => new ComponentHealthDto(Describe(e.Value.Status), Math.Round(e.Value.Duration.TotalMilliseconds, 2), e.Value.Description));
                var uptime = (long)(clock.UtcNow - info.StartedAt).TotalSeconds;
                return ApiResults.Ok(new HealthDto(Describe(report.Status), info.Version, uptime, components, NotHealthy(report)));
            })
            .WithName("Health")
            .WithSummary("Liveness and component health")
            .WithDescription("status is healthy, degraded (Redis, NATS or storage unreachable: the node keeps serving on fallbacks) or unhealthy (PostgreSQL unreachable, or just after start-up with Redis configured, not yet hearing the other nodes' realtime events). Always 200 while the process can answer; use /ready for traffic decisions. version, uptime_seconds, components and degraded (the names of the components that are not healthy) are shown only to loopback and the networks in Api:HealthDetailsNetworks; other callers get the status alone. 429: the per-address limit every request counts against.")
            .ProducesErrors(429);

        ops.MapGet("/ready", async (HealthCheckService health, IHostApplicationLifetime lifetime, HealthDetailsAccess access, HttpContext http, CancellationToken ct) =>
            {
                // A stopping node says so first, so the load balancer stops sending while in-flight requests finish.
                if (lifetime.ApplicationStopping.IsCancellationRequested)
                {
                    return await UnavailableAsync(http, "The node is shutting down.");
                }

                var details = access.Allows(http.Connection.RemoteIpAddress);
                var report = await health.CheckHealthAsync(r => details || r.Tags.Contains(DependencyInjection.ReadyTag), ct);
                if (report.Entries.FirstOrDefault(e => e.Value.Tags.Contains(DependencyInjection.ReadyTag) && e.Value.Status == HealthStatus.Unhealthy) is { Key: { } blocking } entry)
                {
                    return await UnavailableAsync(http, blocking == "database" ? "The database cannot be reached." : entry.Value.Description ?? "The node is not ready.");
                }

                return ApiResults.Ok(new ReadinessDto(true, details ? NotHealthy(report) : null));
            })
            .WithName("Ready")
            .WithSummary("Readiness: 200 when the database answers, 503 otherwise and while the node shuts down")
            .WithDescription("With Redis configured, also 503 from start-up until the node has heard its own probe on the realtime channel (usually milliseconds): before that, its SignalR clients would miss the other nodes' events. degraded (the names of the components that are not healthy: redis, realtime, nats, storage) is shown only to loopback and the networks in Api:HealthDetailsNetworks.")
            .Produces<ApiResponse<ReadinessDto>>()
            .ProducesErrors(429, 503);
    }

    private static async Task<IResult> UnavailableAsync(HttpContext http, string message)
    {
        await ErrorMappingMiddleware.WriteUnavailableAsync(http, message, ErrorMappingMiddleware.OutageRetryAfter);
        return Results.Empty;
    }

    private static string[] NotHealthy(HealthReport report) =>
        [.. report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy).Select(e => e.Key).Order(StringComparer.Ordinal)];

    private static string Describe(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "healthy",
        HealthStatus.Degraded => "degraded",
        _ => "unhealthy",
    };
}
