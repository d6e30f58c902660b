using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Veza.Api.Observability;

/// <summary>The API's own instruments: requests by route template, stream bytes, rate-limit rejections, hub messages.</summary>
public sealed class ApiMetrics
{
    public const string MeterName = "Veza.Api";

    private readonly Counter<long> _requests;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _streamBytes;
    private readonly Counter<long> _rateLimited;
    private readonly Counter<long> _hubMessages;

    public ApiMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _requests = meter.CreateCounter<long>("http_requests_total", description: "HTTP requests by route template, method and status.");
        _duration = meter.CreateHistogram<double>("http_request_duration", "s", "HTTP request duration by route template, method and status.");
        _streamBytes = meter.CreateCounter<long>("stream_served", "By", "Audio and file bytes sent by the streaming routes (the response length of each 200 or 206).");
        _rateLimited = meter.CreateCounter<long>("rate_limit_rejections", description: "Requests refused with 429, by rate-limit policy.");
        _hubMessages = meter.CreateCounter<long>("signalr_messages", description: "SignalR hub method invocations, by hub and method.");
        meter.CreateObservableGauge("health_component_status", () => Components.Select(c =>
            new Measurement<double>(c.Value, new KeyValuePair<string, object?>("component", c.Key))),
            description: "Health of each /health component at the last scrape: 1 healthy, 0.5 degraded (Redis or NATS down, the node serves on fallbacks), 0 unhealthy.");
    }

    /// <summary>The last scrape's health report, by component (the <c>health_component_status</c> gauge).</summary>
    public IReadOnlyDictionary<string, double> Components { get; set; } = new Dictionary<string, double>();

    /// <summary>The route is a template (<c>/api/v1/tracks/{id:guid}</c>) or <c>unmatched</c>: a raw path would give every id its own series.</summary>
    public void Request(string route, string method, int status, TimeSpan elapsed)
    {
        if (!_requests.Enabled && !_duration.Enabled)
        {
            return;
        }

        var tags = new TagList { { "route", route }, { "method", method }, { "status", StatusText(status) } };
        _requests.Add(1, tags);
        _duration.Record(elapsed.TotalSeconds, tags);
    }

    public void StreamBytes(string route, long bytes) => _streamBytes.Add(bytes, new KeyValuePair<string, object?>("route", route));

    public void RateLimited(string policy) => _rateLimited.Add(1, new KeyValuePair<string, object?>("policy", policy));

    public void HubMessage(string hub, string method) =>
        _hubMessages.Add(1, new KeyValuePair<string, object?>("hub", hub), new KeyValuePair<string, object?>("method", method));

    private static string StatusText(int status) => status switch
    {
        200 => "200",
        201 => "201",
        204 => "204",
        206 => "206",
        304 => "304",
        400 => "400",
        401 => "401",
        403 => "403",
        404 => "404",
        429 => "429",
        500 => "500",
        _ => status.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
