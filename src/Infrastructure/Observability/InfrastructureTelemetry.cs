using System.Diagnostics;

namespace Veza.Infrastructure.Observability;

/// <summary>The adapters' activity source: outbox publishing and job runs (EF/Npgsql traces come from Npgsql's own source).</summary>
public static class InfrastructureTelemetry
{
    public const string SourceName = "Veza.Infrastructure";

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>Marks an activity failed with the exception's type and message (never its stack).</summary>
    public static void Failed(this Activity? activity, Exception exception)
    {
        activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
        activity?.SetTag("error.type", exception.GetType().FullName);
    }
}
