using Microsoft.EntityFrameworkCore;
using Veza.Domain.Tracks;
using Veza.Infrastructure.Persistence;

namespace Veza.Infrastructure.Tracks;

internal sealed class TrackRepository(VezaDbContext db) : ITrackRepository, ITagCounter
{
    public Task<Track?> GetAsync(Guid trackId, CancellationToken cancellationToken) =>
        db.Set<Track>().FirstOrDefaultAsync(t => t.Id == trackId, cancellationToken);

    public Task<Guid?> FindIdByContentAsync(Guid ownerId, string sha256, CancellationToken cancellationToken) =>
        db.Set<Track>().Where(t => t.OwnerId == ownerId && t.ContentHash == sha256).Select(t => (Guid?)t.Id).FirstOrDefaultAsync(cancellationToken);

    public async Task HoldOwnerUploadsAsync(Guid ownerId, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({ownerId.ToString()}, 12))", cancellationToken);

    public async Task<long> StoredBytesOfAsync(Guid ownerId, CancellationToken cancellationToken) =>
        (await db.Set<Track>().Where(t => t.OwnerId == ownerId).SumAsync(t => (long?)t.StoredBytes, cancellationToken) ?? 0)
        + (await db.Set<Domain.Gear.GearFile>().Where(f => f.OwnerId == ownerId).SumAsync(f => (long?)f.Bytes, cancellationToken) ?? 0);

    public Task<int> CountOfAsync(Guid ownerId, CancellationToken cancellationToken) =>
        db.Set<Track>().CountAsync(t => t.OwnerId == ownerId, cancellationToken);

    public async Task<IReadOnlyDictionary<Guid, TimeSpan>> DurationsAsync(IReadOnlyCollection<Guid> trackIds, CancellationToken cancellationToken) =>
        await db.Set<Track>().AsNoTracking()
            .Where(t => trackIds.Contains(t.Id) && t.Status == TrackStatus.Ready && t.Duration != null)
            .ToDictionaryAsync(t => t.Id, t => t.Duration!.Value, cancellationToken);

    public void Add(Track track) => db.Set<Track>().Add(track);

    public void Remove(Track track) => db.Set<Track>().Remove(track);

    public async Task AdjustAsync(TaggedKind kind, IReadOnlyCollection<string> added, IReadOnlyCollection<string> removed, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var tracks = kind == TaggedKind.Track ? 1 : 0;
        var listings = kind == TaggedKind.Listing ? 1 : 0;
        var resources = kind == TaggedKind.Resource ? 1 : 0;
        // Row locks in name order, so two transactions touching the same tags cannot deadlock.
        if (added.Count > 0)
        {
            var names = added.Order(StringComparer.Ordinal).ToArray();
            await db.Database.ExecuteSqlAsync(
                $"""
                INSERT INTO tags (name, track_count, listing_count, resource_count, created_at) SELECT n, {tracks}, {listings}, {resources}, {now} FROM unnest({names}) AS n
                ON CONFLICT (name) DO UPDATE
                SET track_count = tags.track_count + {tracks}, listing_count = tags.listing_count + {listings}, resource_count = tags.resource_count + {resources}
                """,
                cancellationToken);
        }

        if (removed.Count > 0)
        {
            var names = removed.Order(StringComparer.Ordinal).ToArray();
            await db.Database.ExecuteSqlAsync(
                $"""
                UPDATE tags SET track_count = GREATEST(track_count - {tracks}, 0), listing_count = GREATEST(listing_count - {listings}, 0),
                    resource_count = GREATEST(resource_count - {resources}, 0)
                WHERE name = ANY({names})
                """,
                cancellationToken);
        }
    }
}
