using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Veza.Api.Http;

public sealed class ApiOptions : IValidatableObject
{
    public const string Section = "Api";

    [Range(1024, 1L << 32)]
    public long MaxRequestBodyBytes { get; set; } = 1 << 20;

    /// <summary>Origins allowed by CORS outside development (in development any localhost origin is).</summary>
    public string[] CorsAllowedOrigins { get; set; } = [];

    /// <summary>
    /// Reverse proxies (IP addresses) whose X-Forwarded-For / X-Forwarded-Proto are believed. Empty: the
    /// socket's address is the client's, so per-IP limits and the audit trail cannot be spoofed.
    /// </summary>
    public string[] TrustedProxies { get; set; } = [];

    /// <summary>Apply the SQL migrations at start-up (turn off only where another process migrates).</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>
    /// Networks (CIDR, e.g. 10.0.0.0/8) that see the version and components on /health, beside loopback;
    /// everyone else sees the status alone, which is all a load balancer needs.
    /// </summary>
    public string[] HealthDetailsNetworks { get; set; } = [];

    public ApiSwaggerOptions Swagger { get; set; } = new();

    /// <summary>
    /// On shutdown, how long the node keeps serving after /ready turns 503, so the load balancer notices and stops
    /// sending before Kestrel stops accepting (its probe interval times the failures it needs). Zero on one node.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan ShutdownDrainDelay { get; set; } = TimeSpan.Zero;

    /// <summary>How long shutdown waits for in-flight requests, uploads and running jobs (HostOptions.ShutdownTimeout, after the drain delay).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        HealthDetailsNetworks
            .Where(network => !IPNetwork.TryParse(network, out _))
            .Select(network => new ValidationResult(
                $"Api:HealthDetailsNetworks has '{network}', which is not a network in CIDR notation with no bits set past its prefix (e.g. 10.0.0.0/8).",
                [nameof(HealthDetailsNetworks)]));
}

public sealed class ApiSwaggerOptions
{
    /// <summary>Serve Swagger UI and the OpenAPI JSON. Unset: on in Development only, since the description maps every route for an attacker.</summary>
    public bool? Enabled { get; set; }

    public bool IsEnabled(IHostEnvironment environment) => Enabled ?? environment.IsDevelopment();
}
