using Microsoft.EntityFrameworkCore;
using Veza.Domain.Playlists;
using Veza.Infrastructure.Persistence;

namespace Veza.Infrastructure.Playlists;

/// <summary>
/// Loads playlists for a change, each with all its entries and its row locked until the transaction
/// ends: concurrent changes to one playlist wait for each other and each sees what the one before left,
/// rather than failing on the row version (which stays as the safety net).
/// </summary>
internal sealed class PlaylistRepository(VezaDbContext db) : IPlaylistRepository
{
    public async Task<Playlist?> GetAsync(Guid playlistId, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM playlists WHERE id = {playlistId} FOR UPDATE", cancellationToken);
        return await db.Set<Playlist>().Include(p => p.Entries).FirstOrDefaultAsync(p => p.Id == playlistId, cancellationToken);
    }

    public async Task<IReadOnlyList<Playlist>> ListContainingAsync(Guid trackId, CancellationToken cancellationToken)
    {
        // In id order, as every transaction that locks several takes them, so none can deadlock another.
        await db.Database.ExecuteSqlAsync(
            $"SELECT 1 FROM playlists WHERE id IN (SELECT playlist_id FROM playlist_tracks WHERE track_id = {trackId}) ORDER BY id FOR UPDATE", cancellationToken);
        return await db.Set<Playlist>().Include(p => p.Entries)
            .Where(p => db.Set<PlaylistEntry>().Any(e => e.PlaylistId == p.Id && e.TrackId == trackId))
            .ToListAsync(cancellationToken);
    }

    public void Add(Playlist playlist) => db.Set<Playlist>().Add(playlist);

    public void Remove(Playlist playlist) => db.Set<Playlist>().Remove(playlist);
}
