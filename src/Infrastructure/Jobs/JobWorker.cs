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

namespace Veza.Infrastructure.Jobs;

/// <summary>
/// Runs the jobs of every registered kind on this node: claims due work whenever a kind has a free
/// slot (at most its MaxParallelism at once), runs each job in a scope of its own while renewing its
/// lease, and records the outcome: succeeded, retried later with backoff, or dead once the kind's
/// attempts are spent (a payload that cannot be decoded is dead at once). On shutdown running jobs
/// are cancelled and handed back without spending an attempt; a node that dies instead leaves its
/// leases to run out, and any node takes the jobs again.
/// </summary>
public sealed partial class JobWorker(
    JobStore store, IEnumerable<JobKindRegistration> registrations, IServiceScopeFactory scopes, JobSignal signal, IClock clock,
    IOptions<JobsOptions> options, ILogger<JobWorker> logger)
    : BackgroundService
{
    private static readonly TimeSpan PurgeInterval = TimeSpan.FromHours(1);

    private readonly Dictionary<string, JobKindRegistration> _kinds = Index(registrations);
    private readonly Dictionary<string, int> _running = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly OutageLog _outage = new(logger, "Job worker");

    /// <summary>Jobs of this node still running (for tests and shutdown).</summary>
    public int RunningCount
    {
        get
        {
            lock (_gate)
            {
                return _running.Values.Sum();
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var running = new List<Task>();
        var nextPurge = clock.UtcNow;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                running.AddRange(await ClaimAndStartAsync(stoppingToken));
                running.RemoveAll(t => t.IsCompleted);
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

        // Running jobs see the stopping token; wait for them to hand their jobs back.
        await Task.WhenAll(running);
    }

    /// <summary>One pass: for each kind with a free slot, claims due jobs and starts them. Returns the started runs.</summary>
    public async Task<IReadOnlyList<Task>> ClaimAndStartAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var started = new List<Task>();
        foreach (var kind in _kinds.Keys)
        {
            var free = settings.MaxParallelismOf(kind) - Running(kind);
            if (free <= 0)
            {
                continue;
            }

            var now = clock.UtcNow;
            foreach (var job in await store.ClaimAsync(kind, free, now, now + settings.LeaseDuration, stoppingToken))
            {
                Adjust(kind, +1);
                started.Add(Task.Run(() => RunAsync(job, stoppingToken), CancellationToken.None));
            }
        }

        return started;
    }

    private async Task RunAsync(ClaimedJob job, CancellationToken stoppingToken)
    {
        var settings = options.Value;
        using var heartbeatStop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var heartbeat = RenewLeaseUntilDoneAsync(job, heartbeatStop.Token);
        try
        {
            await ExecuteJobAsync(job, stoppingToken);
            await heartbeatStop.CancelAsync();
            await heartbeat;
            await store.CompleteAsync(job, clock.UtcNow, CancellationToken.None);
        }
        catch (Exception ex)
        {
            await heartbeatStop.CancelAsync();
            await heartbeat;
            await RecordFailureAsync(job, ex, stoppingToken.IsCancellationRequested, settings);
        }
        finally
        {
            Adjust(job.Kind, -1);
            // A slot is free: look for more work now rather than at the next poll.
            signal.Notify();
        }
    }

    private async Task ExecuteJobAsync(ClaimedJob job, CancellationToken cancellationToken)
    {
        var kind = _kinds[job.Kind];
        var payload = (IJob)MessageJson.Deserialize(job.Payload, kind.JobType);
        await using var scope = scopes.CreateAsyncScope();
        await kind.Run(scope.ServiceProvider, payload, cancellationToken);
    }

    private async Task RecordFailureAsync(ClaimedJob job, Exception ex, bool stopping, JobsOptions settings)
    {
        try
        {
            var now = clock.UtcNow;
            if (stopping && ex is OperationCanceledException)
            {
                await store.ReleaseAsync(job, now, CancellationToken.None);
                return;
            }

            var error = $"{ex.GetType().Name}: {ex.Message}";
            if (ex is JsonException || job.Attempt >= settings.MaxAttemptsOf(job.Kind))
            {
                await store.BuryAsync(job, error, now, CancellationToken.None);
                LogDead(logger, job.Kind, job.Id, job.Attempt, ex);
            }
            else
            {
                var delay = settings.RetryDelay(job.Attempt);
                await store.RetryLaterAsync(job, error, now, now + delay, CancellationToken.None);
                LogRetry(logger, job.Kind, job.Id, job.Attempt, delay.TotalSeconds, error);
            }
        }
        catch (Exception storeFailure)
        {
            // The lease runs out and the job is taken again: at least once, never lost.
            LogOutcomeLost(logger, job.Kind, job.Id, storeFailure.Message);
        }
    }

    private async Task RenewLeaseUntilDoneAsync(ClaimedJob job, CancellationToken done)
    {
        var lease = options.Value.LeaseDuration;
        try
        {
            while (true)
            {
                await Task.Delay(lease / 3, done);
                var now = clock.UtcNow;
                if (!await store.RenewLeaseAsync(job, now, now + lease, done))
                {
                    LogLeaseLost(logger, job.Kind, job.Id);
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The job finished.
        }
        catch (Exception ex)
        {
            LogOutcomeLost(logger, job.Kind, job.Id, ex.Message);
        }
    }

    private int Running(string kind)
    {
        lock (_gate)
        {
            return _running.GetValueOrDefault(kind);
        }
    }

    private void Adjust(string kind, int delta)
    {
        lock (_gate)
        {
            _running[kind] = _running.GetValueOrDefault(kind) + delta;
        }
    }

    private static Dictionary<string, JobKindRegistration> Index(IEnumerable<JobKindRegistration> registrations)
    {
        var kinds = new Dictionary<string, JobKindRegistration>(StringComparer.Ordinal);
        foreach (var registration in registrations)
        {
            if (kinds.TryGetValue(registration.Kind, out var existing) && existing.JobType != registration.JobType)
            {
                throw new InvalidOperationException($"Job kind '{registration.Kind}' is claimed by both {existing.JobType.Name} and {registration.JobType.Name}.");
            }

            if (existing is not null)
            {
                throw new InvalidOperationException($"Job kind '{registration.Kind}' has more than one handler; a job runs exactly one.");
            }

            kinds[registration.Kind] = registration;
        }

        return kinds;
    }

    [LoggerMessage(EventId = 3200, Level = LogLevel.Warning, Message = "Job {Kind} {JobId} failed (attempt {Attempt}); retrying in {DelaySeconds:0.0} s: {Error}")]
    private static partial void LogRetry(ILogger logger, string kind, Guid jobId, int attempt, double delaySeconds, string error);

    [LoggerMessage(EventId = 3201, Level = LogLevel.Error, Message = "Job {Kind} {JobId} is dead after attempt {Attempt}")]
    private static partial void LogDead(ILogger logger, string kind, Guid jobId, int attempt, Exception ex);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Warning, Message = "Job {Kind} {JobId} lost its lease to another worker; its outcome here will not be recorded")]
    private static partial void LogLeaseLost(ILogger logger, string kind, Guid jobId);

    [LoggerMessage(EventId = 3203, Level = LogLevel.Warning, Message = "Could not record the state of job {Kind} {JobId} ({Error}); its lease will run out and it will run again")]
    private static partial void LogOutcomeLost(ILogger logger, string kind, Guid jobId, string error);
}
