using Veza.Application.Common.Jobs;
using Veza.Domain.Common;
using Veza.Domain.Ports;

namespace Veza.Application.Common.Storage;

/// <summary>
/// Deletes every stored file under a folder (a deleted track's original, variants, HLS segments, waveform and
/// artwork) once the change that removed their owner has committed; enqueued in that change's transaction.
/// </summary>
public sealed record DeleteStoredFolderJob(string Prefix) : IJob
{
    public string Kind => "storage.delete_folder";
}

/// <summary>Idempotent: a folder already gone counts as deleted.</summary>
public sealed class DeleteStoredFolderJobHandler(IFileStorage storage) : IJobHandler<DeleteStoredFolderJob>
{
    public Task Handle(DeleteStoredFolderJob job, CancellationToken cancellationToken) => storage.DeletePrefixAsync(job.Prefix, cancellationToken);
}
