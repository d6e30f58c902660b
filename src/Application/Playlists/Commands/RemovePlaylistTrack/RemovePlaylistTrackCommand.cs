using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;

namespace Veza.Application.Playlists.Commands.RemovePlaylistTrack;

/// <summary>Takes a track out of the caller's playlist; the ones after it move up.</summary>
[Authorize]
public sealed record RemovePlaylistTrackCommand(Guid PlaylistId, Guid TrackId) : ICommand<PlaylistTrackListDto>, IRetriedAfterConcurrentChange;
