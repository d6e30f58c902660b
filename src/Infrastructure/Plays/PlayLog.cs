using Microsoft.EntityFrameworkCore;
using Veza.Domain.Plays;
using Veza.Infrastructure.Persistence;

namespace Veza.Infrastructure.Plays;

/// <summary>
/// One statement per play: the plays row and the track's counter move together; concurrent plays of one
/// track queue on its row lock and each adds to the latest count.
/// </summary>
internal sealed class PlayLog(VezaDbContext db) : IPlayLog
{
    public async Task AddAsync(Guid trackId, Guid? userId, PlaySource source, int listeners, DateTimeOffset playedAt, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7(playedAt);
        var sourceName = source == PlaySource.Radio ? "radio" : "stream";
        await db.Database.ExecuteSqlAsync(
            $"""
            WITH added AS (
                INSERT INTO plays (id, track_id, user_id, source, listeners, played_at, in_history)
                VALUES ({id}, {trackId}, {userId}, {sourceName}, {listeners}, {playedAt}, {userId != null})
                RETURNING track_id)
            UPDATE tracks SET play_count = play_count + 1 WHERE id IN (SELECT track_id FROM added)
            """,
            cancellationToken);
    }

    public Task<int> ClearHistoryAsync(Guid userId, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"UPDATE plays SET in_history = false WHERE user_id = {userId} AND in_history", cancellationToken);

    public async Task ForgetListenerAsync(Guid userId, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlAsync($"UPDATE plays SET user_id = NULL, in_history = false WHERE user_id = {userId}", cancellationToken);
        await db.Database.ExecuteSqlAsync($"DELETE FROM play_progress WHERE user_id = {userId}", cancellationToken);
    }
}
