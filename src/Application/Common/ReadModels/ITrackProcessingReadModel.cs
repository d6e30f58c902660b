using Veza.Domain.Tracks;

namespace Veza.Application.Common.ReadModels;

public interface ITrackProcessingReadModel
{
    /// <summary>The track's owner, status and failure with its steps in pipeline order; null when there is no such track.</summary>
    Task<TrackProcessingView?> GetAsync(Guid trackId, CancellationToken cancellationToken);
}

public sealed record TrackProcessingView(Guid OwnerId, TrackStatus Status, TrackFailure? Failure, IReadOnlyList<TrackStepRow> Steps);

public sealed record TrackStepRow(string Step, string State, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, string? Detail);
