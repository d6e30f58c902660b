using System.Diagnostics.Metrics;

namespace Veza.Infrastructure.Observability;

/// <summary>
/// Background work's instruments: job durations and failures, outbox publishing, and gauges (outbox backlog and
/// oldest unsent age, jobs by state) read from the last <see cref="OperationalStatsProbe"/> snapshot.
/// </summary>
public sealed class InfrastructureMetrics
{
    public const string MeterName = "Veza.Infrastructure";

    private readonly Histogram<double> _jobDuration;
    private readonly Counter<long> _jobFailures;
    private readonly Counter<long> _published;

    /// <param name="meters">The host's factory; without one (a bare container in tests) a meter of its own that no scrape reads.</param>
    public InfrastructureMetrics(IMeterFactory? meters = null)
    {
        var meter = meters?.Create(MeterName) ?? new Meter(MeterName);
        _jobDuration = meter.CreateHistogram<double>("jobs_duration", "s", "Job runs on this node by kind and outcome (succeeded, failed, cancelled).");
        _jobFailures = meter.CreateCounter<long>("jobs_failed", description: "Job runs that threw, by kind (retried or buried).");
        _published = meter.CreateCounter<long>("outbox_published", description: "Outbox messages handed to the event bus by this node.");
        meter.CreateObservableGauge("outbox_backlog", () => Snapshot.OutboxBacklog, description: "Outbox messages not yet sent (dead letters aside).");
        meter.CreateObservableGauge("outbox_dead_letters", () => Snapshot.OutboxDeadLetters, description: "Outbox messages the event bus refused for good, set aside (outbox_messages.dead_at).");
        meter.CreateObservableGauge("outbox_oldest_unsent_age", () => Snapshot.OldestUnsentAge.TotalSeconds, "s", "Age of the oldest unsent outbox message (0 when none).");
        meter.CreateObservableGauge("jobs", () => new[]
        {
            new Measurement<long>(Snapshot.JobsQueued, new KeyValuePair<string, object?>("state", "queued")),
            new Measurement<long>(Snapshot.JobsRunning, new KeyValuePair<string, object?>("state", "running")),
            new Measurement<long>(Snapshot.JobsDead, new KeyValuePair<string, object?>("state", "dead")),
        }, description: "Jobs in the table by state: queued (pending), running, dead (failed for good).");
    }

    public OperationalStats Snapshot { get; set; } = new(0, TimeSpan.Zero, 0, 0, 0, 0);

    public void JobRan(string kind, string outcome, TimeSpan elapsed)
    {
        _jobDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("outcome", outcome));
        if (outcome == "failed")
        {
            _jobFailures.Add(1, new KeyValuePair<string, object?>("kind", kind));
        }
    }

    public void Published(string eventType) => _published.Add(1, new KeyValuePair<string, object?>("event_type", eventType));
}

public sealed record OperationalStats(long OutboxBacklog, TimeSpan OldestUnsentAge, long OutboxDeadLetters, long JobsQueued, long JobsRunning, long JobsDead);
