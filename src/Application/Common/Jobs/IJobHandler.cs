using Veza.Domain.Common;

namespace Veza.Application.Common.Jobs;

/// <summary>
/// Runs one kind of background job. Found by assembly scan (Application) or registered with
/// <see cref="BackgroundWorkRegistration.AddJobHandler{TJob, THandler}"/>. It runs in a scope of its
/// own; work that changes state goes through <c>IMediator.Send</c> so it gets the command pipeline.
/// Throwing schedules a retry with backoff until the kind's attempts are spent, then the job is dead.
/// </summary>
public interface IJobHandler<in TJob>
    where TJob : IJob
{
    Task Handle(TJob job, CancellationToken cancellationToken);
}
