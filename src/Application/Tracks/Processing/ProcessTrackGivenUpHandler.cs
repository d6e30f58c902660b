using MediatR;
using Veza.Application.Common.Jobs;
using Veza.Application.Tracks.Processing.Commands.RecordTrackProcessing;
using Veza.Domain.Ports;
using Veza.Domain.Tracks;

namespace Veza.Application.Tracks.Processing;

/// <summary>
/// Processing failed on its last attempt (a tool crashed or timed out, storage failed): the track leaves
/// processing as failed with processing_error, which its owner can reprocess later, and the files the
/// attempts made before they failed are removed.
/// </summary>
public sealed class ProcessTrackGivenUpHandler(IMediator mediator, IFileStorage storage) : IJobGivenUpHandler<ProcessTrackJob>
{
    public async Task HandleGivenUp(ProcessTrackJob job, string lastError, CancellationToken cancellationToken)
    {
        await mediator.Send(RecordTrackProcessingCommand.Failed(job.TrackId, TrackFailure.ProcessingError), cancellationToken);
        await DerivedTrackFiles.DeleteAsync(storage, job.TrackId, cancellationToken);
    }
}
