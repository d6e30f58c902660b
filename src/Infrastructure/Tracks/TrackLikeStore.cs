using Microsoft.EntityFrameworkCore;
using Veza.Domain.Tracks;
using Veza.Infrastructure.Persistence;

namespace Veza.Infrastructure.Tracks;

/// <summary>
/// One statement per change: the like row and the count move together, and the count moves only when the row
/// did. Concurrent likes of one track queue on its row lock and each adds to the latest count; a repeated like
/// waits for the first one's transaction and then finds the row (ON CONFLICT DO NOTHING), so it counts once.
/// </summary>
internal sealed class TrackLikeStore(VezaDbContext db) : ITrackLikeStore
{
    public async Task<bool> AddAsync(Guid userId, Guid trackId, DateTimeOffset now, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlAsync(
            $"""
            WITH added AS (
                INSERT INTO track_likes (user_id, track_id, created_at) VALUES ({userId}, {trackId}, {now})
                ON CONFLICT (user_id, track_id) DO NOTHING
                RETURNING track_id)
            UPDATE tracks SET like_count = like_count + 1 WHERE id IN (SELECT track_id FROM added)
            """,
            cancellationToken) > 0;

    public async Task<bool> RemoveAsync(Guid userId, Guid trackId, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlAsync(
            $"""
            WITH removed AS (
                DELETE FROM track_likes WHERE user_id = {userId} AND track_id = {trackId}
                RETURNING track_id)
            UPDATE tracks SET like_count = like_count - 1 WHERE id IN (SELECT track_id FROM removed)
            """,
            cancellationToken) > 0;
}
