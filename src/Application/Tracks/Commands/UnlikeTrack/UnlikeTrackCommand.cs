using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;

namespace Veza.Application.Tracks.Commands.UnlikeTrack;

/// <summary>The caller takes back their like of a track they may see (404 otherwise). Idempotent.</summary>
[Authorize]
public sealed record UnlikeTrackCommand(Guid TrackId) : ICommand<TrackLikeStateDto>;
