using MediatR;
using Veza.Application.Common.Messaging;
using Veza.Domain.Ports;
using Veza.Domain.Tracks;

namespace Veza.Application.Tracks.Processing.Commands.RecordTrackProcessing;

public sealed class RecordTrackProcessingCommandHandler(ITrackRepository tracks, IClock clock)
    : IRequestHandler<RecordTrackProcessingCommand, TrackProcessingRecord>
{
    public async Task<TrackProcessingRecord> Handle(RecordTrackProcessingCommand request, CancellationToken cancellationToken)
    {
        if (await tracks.GetAsync(request.TrackId, cancellationToken) is not { } track)
        {
            return new TrackProcessingRecord(false, ProcessingOutcome.AlreadyFinished);
        }

        var outcome = request.Result is { } result
            ? track.CompleteProcessing(result, clock.UtcNow)
            : track.FailProcessing(request.Failure ?? TrackFailure.ProcessingError, request.FailedDerivedBytes, clock.UtcNow);
        return new TrackProcessingRecord(true, outcome);
    }
}
