using System.ComponentModel.DataAnnotations;

namespace Veza.Api.Http;

public sealed class ApiOptions
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
}
