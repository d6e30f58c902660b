using Veza.Application.Common.Models;
using Veza.Application.Playlists;

namespace Veza.Application.Common.ReadModels;

public interface IPlaylistReadModel
{
    /// <summary>
    /// The playlist with the tracks the viewer may see (<see cref="Domain.Tracks.TrackAccess.VisibleTo"/>), in
    /// order; null when there is none or the viewer may not see it.
    /// </summary>
    Task<PlaylistDetailDto?> FindAsync(Guid playlistId, Guid? viewerId, bool viewerIsAdmin, CancellationToken cancellationToken);

    /// <summary>The owner's playlists listed for the viewer (all for the owner, public ones for anyone else), newest first.</summary>
    Task<PagedResult<PlaylistDto>> ListByOwnerAsync(Guid ownerId, Guid? viewerId, PageRequest paging, CancellationToken cancellationToken);
}
