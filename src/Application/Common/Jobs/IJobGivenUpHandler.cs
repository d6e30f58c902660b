using Veza.Domain.Common;

namespace Veza.Application.Common.Jobs;

/// <summary>
/// Optional, beside a job's <see cref="IJobHandler{TJob}"/>: what to record when the job is given up for good
/// (its last attempt failed, or its leases kept running out), so the thing it worked on does not stay
/// "in progress" forever. The worker calls it in a scope of its own before it marks the job dead; if this
/// throws, the job is not buried but tried again later (and given up again), so it runs at least once.
/// Found by the same scan as job handlers.
/// </summary>
public interface IJobGivenUpHandler<in TJob>
    where TJob : IJob
{
    /// <param name="lastError">The last attempt's error, as the jobs table records it.</param>
    Task HandleGivenUp(TJob job, string lastError, CancellationToken cancellationToken);
}

/// <summary>
/// Defaults a job type carries for its kind, so they hold without configuration;
/// <c>Jobs:Kinds:&lt;kind&gt;:*</c> still overrides them. 0 leaves the global default.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class JobDefaultsAttribute : Attribute
{
    public int MaxAttempts { get; init; }

    public int MaxParallelism { get; init; }
}
