using Microsoft.EntityFrameworkCore;
using Veza.Domain.Playlists;
using Veza.Infrastructure.Persistence;

namespace Veza.Infrastructure.Playlists;

internal sealed class PlaylistRepository(VezaDbContext db) : IPlaylistRepository
{
    public Task<Playlist?> GetAsync(Guid playlistId, CancellationToken cancellationToken) =>
        db.Set<Playlist>().Include(p => p.Entries).FirstOrDefaultAsync(p => p.Id == playlistId, cancellationToken);

    public async Task<IReadOnlyList<Playlist>> ListContainingAsync(Guid trackId, CancellationToken cancellationToken) =>
        await db.Set<Playlist>().Include(p => p.Entries)
            .Where(p => db.Set<PlaylistEntry>().Any(e => e.PlaylistId == p.Id && e.TrackId == trackId))
            .OrderBy(p => p.Id) // one lock order for every transaction that touches several
            .ToListAsync(cancellationToken);

    public void Add(Playlist playlist) => db.Set<Playlist>().Add(playlist);

    public void Remove(Playlist playlist) => db.Set<Playlist>().Remove(playlist);
}
