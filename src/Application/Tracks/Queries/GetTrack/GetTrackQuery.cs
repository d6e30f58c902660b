using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;

namespace Veza.Application.Tracks.Queries.GetTrack;

/// <summary>One track by id, as the caller may see it (<see cref="TrackView"/>): 404 when they may not.</summary>
[Authorize]
public sealed record GetTrackQuery(Guid TrackId) : IQuery<TrackDto>;
