using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Veza.Application.Common.Behaviours;
using Veza.Infrastructure.Observability;

namespace Veza.Api.Observability;

public static class TelemetrySetup
{
    /// <summary>Activity sources traced: ASP.NET Core's requests, Npgsql's commands, MediatR use cases, outbox relay and jobs.</summary>
    public static readonly string[] TracedSources = ["Microsoft.AspNetCore", "Npgsql", TracingBehaviourSource.Name, InfrastructureTelemetry.SourceName];

    /// <summary>Metrics (<c>Metrics:*</c>) and tracing (<c>Otlp:*</c>); see decision 0041.</summary>
    public static IServiceCollection AddVezaTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MetricsOptions>().Bind(configuration.GetSection(MetricsOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<OtlpOptions>().Bind(configuration.GetSection(OtlpOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ApiMetrics>();
        services.AddSingleton<PrometheusCollector>();
        services.AddHostedService<TelemetryService>();
        return services;
    }
}

/// <summary>
/// Starts listening when the node starts: the Prometheus collector (unless metrics are off) and either the
/// OTLP exporter or, without one, a listener that only propagates, so every request, use case and job still has
/// a trace id for its log lines and X-Request-Id.
/// </summary>
internal sealed class TelemetryService(IServiceProvider services, Microsoft.Extensions.Options.IOptions<MetricsOptions> metrics,
    Microsoft.Extensions.Options.IOptions<OtlpOptions> otlp) : IHostedService, IDisposable
{
    private TracerProvider? _tracer;
    private ActivityListener? _propagation;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (metrics.Value.Enabled)
        {
            services.GetRequiredService<PrometheusCollector>();
        }

        var settings = otlp.Value;
        if (!string.IsNullOrEmpty(settings.Endpoint))
        {
            _tracer = Sdk.CreateTracerProviderBuilder()
                .SetResourceBuilder(ResourceBuilder.CreateDefault().AddService(settings.ServiceName))
                .AddSource(TelemetrySetup.TracedSources)
                .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(settings.SampleRatio)))
                .AddOtlpExporter(exporter =>
                {
                    var endpoint = new Uri(settings.Endpoint);
                    var http = settings.Protocol == "http";
                    // Set in code, the http/protobuf endpoint is used as the full URL: a bare collector address gets the traces path.
                    exporter.Endpoint = http && endpoint.AbsolutePath == "/" ? new Uri(endpoint, "v1/traces") : endpoint;
                    exporter.Protocol = http ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
                })
                .Build();
        }
        else
        {
            _propagation = new ActivityListener
            {
                ShouldListenTo = source => TelemetrySetup.TracedSources.Contains(source.Name) && source.Name != "Npgsql",
                Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.PropagationData,
            };
            ActivitySource.AddActivityListener(_propagation);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _tracer?.ForceFlush(2000);
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _tracer?.Dispose();
        _propagation?.Dispose();
    }
}
