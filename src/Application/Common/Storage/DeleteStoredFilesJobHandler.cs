using Veza.Application.Common.Jobs;
using Veza.Domain.Ports;

namespace Veza.Application.Common.Storage;

/// <summary>Idempotent: a file already gone counts as deleted, so a second run does nothing.</summary>
public sealed class DeleteStoredFilesJobHandler(IFileStorage storage) : IJobHandler<DeleteStoredFilesJob>
{
    public async Task Handle(DeleteStoredFilesJob job, CancellationToken cancellationToken)
    {
        foreach (var key in job.Keys)
        {
            await storage.DeleteAsync(key, cancellationToken);
        }
    }
}
