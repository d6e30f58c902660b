using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Veza.Application.Common.Jobs;
using Veza.Domain.Common;
using Veza.Domain.Ports;
using Veza.Infrastructure.Common;
using Veza.Infrastructure.Messaging;
using Veza.Infrastructure.Observability;

namespace Veza.Infrastructure.Jobs;

/// <summary>
/// Runs the jobs of every registered kind on this node: claims due work whenever a kind has a free
/// slot (at most its MaxParallelism at once), runs each job in a scope of its own while renewing its
/// lease, and records the outcome: succeeded, retried later with backoff, or dead once the kind's
/// attempts are spent (a payload that cannot be decoded is dead at once, and so is a job whose
/// leases ran out that often: it kills or hangs its node). A job whose lease is lost is cancelled
/// here, because another node may already run it. On shutdown running jobs are cancelled and handed
/// back without spending an attempt; a node that dies instead leaves its leases to run out.
/// Before a job is buried its kind's <see cref="IJobGivenUpHandler{TJob}"/>, if any, records the
/// giving up; should that fail, the job is retried later instead, so it is given up again.
/// </summary>
public sealed partial class JobWorker(
    JobStore store, IEnumerable<JobKindRegistration> registrations, IEnumerable<JobGivenUpRegistration> givenUpHandlers,
    IServiceScopeFactory scopes, JobSignal signal, IClock clock, IOptions<JobsOptions> options, ILogger<JobWorker> logger,
    InfrastructureMetrics metrics)
    : BackgroundService
{
    private static readonly TimeSpan PurgeInterval = TimeSpan.FromHours(1);

    /// <summary>How long a given-up handler may take before its job is retried instead of buried.</summary>
    private static readonly TimeSpan GivenUpTimeout = TimeSpan.FromMinutes(1);

    /// <summary>How long a stopping node waits for its jobs to hand themselves back (the host's own limit is 30 s).</summary>
    private static readonly TimeSpan HandBackTimeout = TimeSpan.FromSeconds(20);

    private readonly Dictionary<string, JobKindRegistration> _kinds = Index(registrations);
    private readonly ILookup<string, JobGivenUpRegistration> _givenUp = givenUpHandlers.ToLookup(g => g.Kind, StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Guid, (string Kind, Task Run)> _running = new();
    private readonly OutageLog _outage = new(logger, "Job worker");

    /// <summary>Jobs of this node still running (for tests and shutdown).</summary>
    public int RunningCount => _running.Count;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var nextPurge = clock.UtcNow;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ClaimAndStartAsync(stoppingToken);
                if (clock.UtcNow >= nextPurge)
                {
                    await store.PurgeAsync(clock.UtcNow - settings.Retention, stoppingToken);
                    nextPurge = clock.UtcNow + PurgeInterval;
                }

                _outage.Succeeded();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                _outage.Failed(ex);
            }

            try
            {
                await signal.WaitAsync(settings.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        // Running jobs see the stopping token and hand their jobs back; do not outwait the host.
        await Task.WhenAny(Task.WhenAll(_running.Values.Select(r => r.Run)), Task.Delay(HandBackTimeout, CancellationToken.None));
    }

    /// <summary>One pass: for each kind with a free slot, claims due jobs and starts them. Returns the started runs.</summary>
    public async Task<IReadOnlyList<Task>> ClaimAndStartAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var started = new List<Task>();
        foreach (var kind in _kinds.Keys)
        {
            var free = settings.MaxParallelismOf(kind, _kinds[kind].DefaultMaxParallelism) - _running.Values.Count(r => r.Kind == kind);
            if (free <= 0)
            {
                continue;
            }

            var now = clock.UtcNow;
            // Never this node's own running jobs, even if their renewal fell behind.
            foreach (var job in await store.ClaimAsync(kind, free, now, now + settings.LeaseDuration, [.. _running.Keys], stoppingToken))
            {
                var run = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _running[job.Id] = (kind, run.Task);
                started.Add(run.Task);
                _ = Task.Run(() => RunAsync(job, run, stoppingToken), CancellationToken.None);
            }
        }

        return started;
    }

    private async Task RunAsync(ClaimedJob job, TaskCompletionSource run, CancellationToken stoppingToken)
    {
        var settings = options.Value;
        using var jobCancellation = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        using var heartbeatStop = new CancellationTokenSource();
        var heartbeat = RenewLeaseUntilDoneAsync(job, jobCancellation, heartbeatStop.Token);
        Exception? failure = null;
        var started = Stopwatch.GetTimestamp();
        using var activity = InfrastructureTelemetry.Source.StartActivity($"job {job.Kind}", ActivityKind.Consumer);
        activity?.SetTag("job.id", job.Id);
        activity?.SetTag("job.attempt", job.Attempt);
        try
        {
            if (job.Attempt > MaxAttemptsOf(job.Kind, settings))
            {
                throw new JobAbandonedException(job.Attempt - 1);
            }

            await ExecuteJobAsync(job, jobCancellation.Token);
        }
        catch (Exception ex)
        {
            failure = ex;
            activity.Failed(ex);
        }
        finally
        {
            await heartbeatStop.CancelAsync();
            await heartbeat;
        }

        var outcome = failure is null ? "succeeded" : jobCancellation.IsCancellationRequested ? "cancelled" : "failed";
        metrics.JobRan(job.Kind, outcome, Stopwatch.GetElapsedTime(started));

        try
        {
            await RecordOutcomeAsync(job, failure, stoppingToken.IsCancellationRequested, jobCancellation.IsCancellationRequested, settings);
        }
        finally
        {
            _running.TryRemove(job.Id, out _);
            run.TrySetResult();
            // A slot is free: look for more work now rather than at the next poll.
            signal.Notify();
        }
    }

    private async Task ExecuteJobAsync(ClaimedJob job, CancellationToken cancellationToken)
    {
        var kind = _kinds[job.Kind];
        IJob payload;
        try
        {
            payload = (IJob)MessageJson.Deserialize(job.Payload, kind.JobType);
        }
        catch (JsonException ex)
        {
            throw new UndecodableJobException(ex);
        }

        await using var scope = scopes.CreateAsyncScope();
        await kind.Run(scope.ServiceProvider, payload, cancellationToken);
    }

    private async Task RecordOutcomeAsync(ClaimedJob job, Exception? failure, bool stopping, bool cancelled, JobsOptions settings)
    {
        try
        {
            var now = clock.UtcNow;
            bool recorded;
            if (failure is null)
            {
                recorded = await store.CompleteAsync(job, now, CancellationToken.None);
            }
            else if (stopping)
            {
                // Whatever the job threw while the node stops (cancellation, a disposed service), it was not its fault.
                recorded = await store.ReleaseAsync(job, now, CancellationToken.None);
            }
            else if (cancelled)
            {
                // The lease was lost: the job is another worker's now, and nothing here is recorded.
                return;
            }
            else if (failure is UndecodableJobException or JobAbandonedException || job.Attempt >= MaxAttemptsOf(job.Kind, settings))
            {
                // Past its attempts (its earlier holders died, or giving it up failed), the last recorded error says why.
                var lastError = failure is JobAbandonedException && job.LastError is { } recordedError ? recordedError : Describe(failure);
                if (failure is UndecodableJobException || await GiveUpAsync(job, lastError))
                {
                    recorded = await store.BuryAsync(job, Describe(failure), now, CancellationToken.None);
                    LogDead(logger, job.Kind, job.Id, job.Attempt, failure);
                }
                else
                {
                    // Its next claim is past the attempts, so it is given up again: at least once, never skipped.
                    recorded = await store.RetryLaterAsync(job, Describe(failure), now, now + settings.RetryDelay(job.Attempt), CancellationToken.None);
                }
            }
            else
            {
                var delay = settings.RetryDelay(job.Attempt);
                recorded = await store.RetryLaterAsync(job, Describe(failure), now, now + delay, CancellationToken.None);
                LogRetry(logger, job.Kind, job.Id, job.Attempt, delay.TotalSeconds, Describe(failure));
            }

            if (!recorded)
            {
                LogLeaseLost(logger, job.Kind, job.Id);
            }
        }
        catch (Exception storeFailure)
        {
            // The lease runs out and the job is taken again: at least once, never lost.
            LogOutcomeLost(logger, job.Kind, job.Id, storeFailure.Message);
        }
    }

    private int MaxAttemptsOf(string kind, JobsOptions settings) => settings.MaxAttemptsOf(kind, _kinds[kind].DefaultMaxAttempts);

    /// <summary>Runs the kind's given-up handlers (each in a scope of its own). False when one failed.</summary>
    private async Task<bool> GiveUpAsync(ClaimedJob job, string lastError)
    {
        var handlers = _givenUp[job.Kind].ToList();
        if (handlers.Count == 0)
        {
            return true;
        }

        try
        {
            var payload = (IJob)MessageJson.Deserialize(job.Payload, _kinds[job.Kind].JobType);
            using var timeout = new CancellationTokenSource(GivenUpTimeout);
            foreach (var handler in handlers)
            {
                await using var scope = scopes.CreateAsyncScope();
                await handler.Handle(scope.ServiceProvider, payload, lastError, timeout.Token);
            }

            return true;
        }
        catch (Exception ex)
        {
            LogGivenUpFailed(logger, job.Kind, job.Id, ex);
            return false;
        }
    }

    /// <summary>
    /// Renews the lease every third of its length. A failed renewal is retried until the lease would
    /// have run out; then, or when another worker holds the job, the job is cancelled here.
    /// </summary>
    private async Task RenewLeaseUntilDoneAsync(ClaimedJob job, CancellationTokenSource jobCancellation, CancellationToken done)
    {
        var lease = options.Value.LeaseDuration;
        var heldUntil = clock.UtcNow + lease;
        try
        {
            while (true)
            {
                await Task.Delay(lease / 3, done);
                var now = clock.UtcNow;
                try
                {
                    if (!await store.RenewLeaseAsync(job, now, now + lease, done))
                    {
                        LogLeaseLost(logger, job.Kind, job.Id);
                        await jobCancellation.CancelAsync();
                        return;
                    }

                    heldUntil = now + lease;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    if (clock.UtcNow >= heldUntil)
                    {
                        LogOutcomeLost(logger, job.Kind, job.Id, ex.Message);
                        await jobCancellation.CancelAsync();
                        return;
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The job finished.
        }
    }

    private static string Describe(Exception failure) => failure switch
    {
        UndecodableJobException or JobAbandonedException => failure.Message,
        _ => $"{failure.GetType().Name}: {failure.Message}",
    };

    private static Dictionary<string, JobKindRegistration> Index(IEnumerable<JobKindRegistration> registrations)
    {
        var kinds = new Dictionary<string, JobKindRegistration>(StringComparer.Ordinal);
        foreach (var registration in registrations)
        {
            if (kinds.TryGetValue(registration.Kind, out var existing))
            {
                throw new InvalidOperationException(existing.JobType == registration.JobType
                    ? $"Job kind '{registration.Kind}' has more than one handler; a job runs exactly one."
                    : $"Job kind '{registration.Kind}' is claimed by both {existing.JobType.Name} and {registration.JobType.Name}.");
            }

            kinds[registration.Kind] = registration;
        }

        return kinds;
    }

    private sealed class UndecodableJobException(JsonException inner) : Exception($"The payload cannot be decoded: {inner.Message}", inner);

    private sealed class JobAbandonedException(int leasesLost)
        : Exception($"Its lease ran out {leasesLost} times without an outcome: it kills or hangs the node that runs it.");

    [LoggerMessage(EventId = 3200, Level = LogLevel.Warning, Message = "Job {Kind} {JobId} failed (attempt {Attempt}); retrying in {DelaySeconds:0.0} s: {Error}")]
    private static partial void LogRetry(ILogger logger, string kind, Guid jobId, int attempt, double delaySeconds, string error);

    [LoggerMessage(EventId = 3201, Level = LogLevel.Error, Message = "Job {Kind} {JobId} is dead after attempt {Attempt}")]
    private static partial void LogDead(ILogger logger, string kind, Guid jobId, int attempt, Exception ex);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Warning, Message = "Job {Kind} {JobId} lost its lease to another worker; it was cancelled here and its outcome here is not recorded")]
    private static partial void LogLeaseLost(ILogger logger, string kind, Guid jobId);

    [LoggerMessage(EventId = 3204, Level = LogLevel.Error, Message = "Job {Kind} {JobId} could not be given up (its given-up handler failed); it will be given up again later")]
    private static partial void LogGivenUpFailed(ILogger logger, string kind, Guid jobId, Exception ex);

    [LoggerMessage(EventId = 3203, Level = LogLevel.Warning, Message = "Could not record the state of job {Kind} {JobId} ({Error}); its lease will run out and it will run again")]
    private static partial void LogOutcomeLost(ILogger logger, string kind, Guid jobId, string error);
}
