using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;

namespace Veza.Application.Playlists.Commands.AddPlaylistTrack;

/// <summary>Puts a track into the caller's playlist at <see cref="Position"/> (0-based; absent: at the end).</summary>
[Authorize]
public sealed record AddPlaylistTrackCommand(Guid PlaylistId, Guid TrackId, int? Position = null) : ICommand<PlaylistTrackListDto>, IRetriedAfterConcurrentChange;
