using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;

namespace Veza.Application.Tracks.Commands.LikeTrack;

/// <summary>The caller likes a track they may see (404 otherwise). Idempotent: liking again changes nothing.</summary>
[Authorize]
public sealed record LikeTrackCommand(Guid TrackId) : ICommand<TrackLikeStateDto>;
