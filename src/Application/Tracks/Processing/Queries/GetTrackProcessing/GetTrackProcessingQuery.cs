using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;
using Veza.Application.Tracks.EventHandlers;

namespace Veza.Application.Tracks.Processing.Queries.GetTrackProcessing;

/// <summary>How a track's processing stands, step by step: for its owner and admins (anyone else: 404).</summary>
[Authorize]
public sealed record GetTrackProcessingQuery(Guid TrackId) : IQuery<TrackProcessingDto>;

public sealed record TrackProcessingDto(Guid TrackId, string Status, TrackFailureDto? Failure, IReadOnlyList<TrackStepDto> Steps);

public sealed record TrackStepDto(string Step, string State, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, string? Detail);
