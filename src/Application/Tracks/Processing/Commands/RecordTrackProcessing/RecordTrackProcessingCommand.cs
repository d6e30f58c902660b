using Veza.Application.Common.Messaging;
using Veza.Domain.Tracks;

namespace Veza.Application.Tracks.Processing.Commands.RecordTrackProcessing;

/// <summary>
/// Internal (sent by the processing job, never by a caller): records how processing ended, a result or a
/// failure, in one unit of work. A second recording (a job re-run after a crash) changes nothing.
/// </summary>
public sealed record RecordTrackProcessingCommand(Guid TrackId, TrackProcessingResult? Result, TrackFailure? Failure = null, long FailedDerivedBytes = 0)
    : ICommand<TrackProcessingRecord>, IRetriedAfterConcurrentChange
{
    public static RecordTrackProcessingCommand Failed(Guid trackId, TrackFailure failure) => new(trackId, null, failure);
}

/// <param name="Found">False when the track is gone (deleted while it was processed).</param>
public sealed record TrackProcessingRecord(bool Found, ProcessingOutcome Outcome);
