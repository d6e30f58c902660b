using Veza.Application.Users;
using Microsoft.EntityFrameworkCore;
using Veza.Application.Common.Models;
using Veza.Application.Common.ReadModels;
using Veza.Application.Playlists;
using Veza.Domain.Playlists;
using Veza.Domain.Tracks;
using Veza.Domain.Users;
using Veza.Infrastructure.Persistence;

namespace Veza.Infrastructure.Playlists;

/// <summary>Playlists as the viewer may see them; who sees what is decided by <see cref="PlaylistAccess"/> and <see cref="TrackAccess"/>, not spelt again here.</summary>
internal sealed class PlaylistReadModel(VezaDbContext db) : IPlaylistReadModel
{
    public async Task<PlaylistDetailDto?> FindAsync(Guid playlistId, Guid? viewerId, bool viewerIsAdmin, CancellationToken cancellationToken)
    {
        var header = await Headers(db.Set<Playlist>().Where(p => p.Id == playlistId).Where(PlaylistAccess.VisibleTo(viewerId, viewerIsAdmin)))
            .FirstOrDefaultAsync(cancellationToken);
        if (header is null)
        {
            return null;
        }

        var entries = await (
                from e in db.Set<PlaylistEntry>().AsNoTracking()
                where e.PlaylistId == playlistId
                join t in db.Set<Track>().Where(TrackAccess.VisibleTo(viewerId, viewerIsAdmin)) on e.TrackId equals t.Id
                join u in db.Set<User>() on t.OwnerId equals u.Id
                orderby e.Position
                select new { e.Position, t.Id, t.Title, t.OwnerId, u.Username, t.Duration, t.ArtworkVersion, t.Status, e.AddedAt })
            .ToListAsync(cancellationToken);

        return new PlaylistDetailDto(
            header,
            [.. entries.Select(e => new PlaylistTrackDto(
                e.Position, e.Id, e.Title, new UserRefDto(e.OwnerId, e.Username), e.Duration is { } d ? Math.Round(d.TotalSeconds, 3) : null,
                e.ArtworkVersion is { } version ? TrackArtworkUrls.For(e.Id, version) : null, e.Status, e.AddedAt))]);
    }

    public async Task<PagedResult<PlaylistDto>> ListByOwnerAsync(Guid ownerId, Guid? viewerId, PageRequest paging, CancellationToken cancellationToken)
    {
        var listed = db.Set<Playlist>().Where(p => p.OwnerId == ownerId).Where(PlaylistAccess.ListedFor(viewerId));
        var total = await listed.LongCountAsync(cancellationToken);
        var items = await Headers(listed).Skip(paging.Offset).Take(paging.Limit).ToListAsync(cancellationToken);
        return new PagedResult<PlaylistDto>(items, paging.Page, paging.Limit, total);
    }

    /// <summary>Newest first.</summary>
    private IQueryable<PlaylistDto> Headers(IQueryable<Playlist> playlists) =>
        from p in playlists.AsNoTracking()
        join u in db.Set<User>() on p.OwnerId equals u.Id
        orderby p.CreatedAt descending, p.Id descending
        select new PlaylistDto(p.Id, new UserRefDto(p.OwnerId, u.Username), p.Title, p.Description, p.Visibility, p.TrackCount, p.CreatedAt, p.UpdatedAt);
}
