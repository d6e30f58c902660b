using Veza.Application.Common.Exceptions;
using Veza.Domain.Playlists;
using Veza.Domain.Ports;
using Veza.Domain.Users;

namespace Veza.Application.Playlists;

/// <summary>
/// Loads a playlist for a change. Whoever may not even see it gets 404 (a private playlist's existence is
/// not told); whoever sees it but may not change it gets 403.
/// </summary>
public static class PlaylistCommandAccess
{
    public static bool IsAdmin(this ICurrentUser caller) => caller.Role is Role.Admin or Role.SuperAdmin;

    /// <summary>The playlist, for its owner only (editing, its tracks).</summary>
    public static Task<Playlist> LoadForOwnerAsync(this IPlaylistRepository playlists, Guid playlistId, ICurrentUser caller, CancellationToken cancellationToken) =>
        LoadAsync(playlists, playlistId, caller, adminMayChange: false, cancellationToken);

    /// <summary>The playlist, for its owner or an admin (deletion).</summary>
    public static Task<Playlist> LoadForOwnerOrAdminAsync(this IPlaylistRepository playlists, Guid playlistId, ICurrentUser caller, CancellationToken cancellationToken) =>
        LoadAsync(playlists, playlistId, caller, adminMayChange: true, cancellationToken);

    private static async Task<Playlist> LoadAsync(IPlaylistRepository playlists, Guid playlistId, ICurrentUser caller, bool adminMayChange, CancellationToken cancellationToken)
    {
        var playlist = await playlists.GetAsync(playlistId, cancellationToken);
        var admin = caller.IsAdmin();
        if (playlist is null || !playlist.IsVisibleTo(caller.UserId, admin))
        {
            throw new NotFoundException("No playlist with this id.");
        }

        if (playlist.OwnerId != caller.UserId && !(adminMayChange && admin))
        {
            throw new ForbiddenException("Only the playlist's owner can change it.");
        }

        return playlist;
    }
}
