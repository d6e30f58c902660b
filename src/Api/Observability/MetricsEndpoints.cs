using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Veza.Api.Endpoints;
using Veza.Api.Http;
using Veza.Infrastructure.Observability;

namespace Veza.Api.Observability;

/// <summary><c>GET /metrics</c> in the Prometheus text format, behind the optional token or network allow-list.</summary>
public sealed class MetricsEndpoints : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/metrics", async (IOptions<MetricsOptions> options, IServiceProvider services, HttpContext http, CancellationToken ct) =>
            {
                var settings = options.Value;
                if (!settings.Enabled)
                {
                    await ErrorMappingMiddleware.WriteAsync(http, StatusCodes.Status404NotFound, ErrorCodes.NotFound, "Metrics are turned off on this node.");
                    return;
                }

                if (settings.IsProtected && !Allows(settings, http))
                {
                    var status = string.IsNullOrEmpty(settings.BearerToken) ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized;
                    await ErrorMappingMiddleware.WriteAsync(http, status, status == 401 ? ErrorCodes.Unauthorized : ErrorCodes.Forbidden,
                        status == 401 ? "A valid metrics bearer token is required." : "This address may not read metrics.");
                    return;
                }

                // Database-backed gauges (outbox backlog, jobs by state) are read once per scrape, not per callback.
                await services.GetRequiredService<OperationalStatsProbe>().RefreshAsync(ct);
                var report = await services.GetRequiredService<HealthCheckService>().CheckHealthAsync(ct);
                services.GetRequiredService<ApiMetrics>().Components = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status switch
                {
                    HealthStatus.Healthy => 1.0,
                    HealthStatus.Degraded => 0.5,
                    _ => 0.0,
                });
                var text = new StringBuilder(32 * 1024);
                services.GetRequiredService<PrometheusCollector>().WriteTo(text);
                http.Response.ContentType = PrometheusTextWriter.ContentType;
                http.Response.Headers.CacheControl = "no-store";
                await http.Response.WriteAsync(text.ToString(), ct);
            })
            .AllowAnonymous()
            .ExcludeFromDescription();
    }

    internal static bool Allows(MetricsOptions settings, HttpContext http)
    {
        if (settings.BearerToken is { Length: > 0 } token
            && http.Request.Headers.Authorization.ToString() is { } header
            && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[7..].Trim()), Encoding.UTF8.GetBytes(token)))
        {
            return true;
        }

        var address = http.Connection.RemoteIpAddress;
        if (address is null)
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return settings.AllowedNetworks.Any(network => IPNetwork.Parse(network).Contains(address));
    }
}
