using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Veza.Api.Observability;

/// <summary>
/// <c>GET /metrics</c>: on unless <see cref="Enabled"/> is false. With neither <see cref="BearerToken"/> nor
/// <see cref="AllowedNetworks"/> anyone may scrape; with either, a caller needs the token or an address in one
/// of the networks.
/// </summary>
public sealed class MetricsOptions : IValidatableObject
{
    public const string Section = "Metrics";

    public bool Enabled { get; set; } = true;

    /// <summary>Scrapers send <c>Authorization: Bearer &lt;token&gt;</c>; at least 16 characters when set.</summary>
    public string? BearerToken { get; set; }

    /// <summary>CIDR networks (<c>10.0.0.0/8</c>) allowed to scrape without the token.</summary>
    public string[] AllowedNetworks { get; set; } = [];

    public bool IsProtected => !string.IsNullOrEmpty(BearerToken) || AllowedNetworks.Length > 0;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (BearerToken is { Length: > 0 and < 16 })
        {
            yield return new ValidationResult("Metrics:BearerToken must be at least 16 characters.", [nameof(BearerToken)]);
        }

        foreach (var network in AllowedNetworks)
        {
            if (!IPNetwork.TryParse(network, out _))
            {
                yield return new ValidationResult($"Metrics:AllowedNetworks: '{network}' is not a CIDR network.", [nameof(AllowedNetworks)]);
            }
        }
    }
}

/// <summary>
/// Traces leave over OTLP when <see cref="Endpoint"/> is set (for example <c>http://collector:4317</c>); without it
/// activities still carry the trace id into logs and <c>X-Request-Id</c>, and nothing is exported.
/// </summary>
public sealed class OtlpOptions : IValidatableObject
{
    public const string Section = "Otlp";

    public string? Endpoint { get; set; }

    /// <summary><c>grpc</c> (port 4317) or <c>http</c> (http/protobuf, port 4318).</summary>
    public string Protocol { get; set; } = "grpc";

    public string ServiceName { get; set; } = "veza-api";

    /// <summary>The share of new traces recorded and exported (a caller's sampled traceparent is always followed).</summary>
    [Range(0.0, 1.0)]
    public double SampleRatio { get; set; } = 1.0;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrEmpty(Endpoint) && !Uri.TryCreate(Endpoint, UriKind.Absolute, out _))
        {
            yield return new ValidationResult("Otlp:Endpoint must be an absolute URI.", [nameof(Endpoint)]);
        }

        if (Protocol is not ("grpc" or "http"))
        {
            yield return new ValidationResult("Otlp:Protocol must be grpc or http.", [nameof(Protocol)]);
        }
    }
}
