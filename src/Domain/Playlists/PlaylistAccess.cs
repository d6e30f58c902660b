using System.Linq.Expressions;
using Veza.Domain.Tracks;

namespace Veza.Domain.Playlists;

/// <summary>
/// <see cref="Playlist.IsVisibleTo"/> and <see cref="Playlist.IsListedFor"/> as expressions a database
/// query can apply; a test holds them to the methods on every combination.
/// </summary>
public static class PlaylistAccess
{
    public static Expression<Func<Playlist, bool>> VisibleTo(Guid? viewerId, bool viewerIsAdmin) =>
        p => viewerIsAdmin || (Guid?)p.OwnerId == viewerId || p.Visibility != TrackVisibility.Private;

    public static Expression<Func<Playlist, bool>> ListedFor(Guid? viewerId) =>
        p => (Guid?)p.OwnerId == viewerId || p.Visibility == TrackVisibility.Public;
}
