using Microsoft.EntityFrameworkCore;
using Veza.Domain.Plays;
using Veza.Infrastructure.Persistence;

namespace Veza.Infrastructure.Plays;

internal sealed class PlayProgressRepository(VezaDbContext db) : IPlayProgressRepository
{
    public async Task<IReadOnlyList<PlayProgress>> FindAsync(IReadOnlyCollection<(Guid TrackId, string Listener)> keys, CancellationToken cancellationToken)
    {
        if (keys.Count == 0)
        {
            return [];
        }

        // Pairs as two parallel arrays, matched row by row by unnest: one indexed lookup per pair.
        var trackIds = keys.Select(k => k.TrackId).ToArray();
        var listeners = keys.Select(k => k.Listener).ToArray();
        return await db.Set<PlayProgress>()
            .FromSql($"SELECT p.*, p.xmin FROM play_progress p JOIN unnest({trackIds}, {listeners}) AS k (track_id, listener) ON p.track_id = k.track_id AND p.listener = k.listener")
            .ToListAsync(cancellationToken);
    }

    public void Add(PlayProgress progress) => db.Set<PlayProgress>().Add(progress);

    public Task<int> PurgeIdleAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
        db.Set<PlayProgress>().Where(p => p.LastHeardAt < before).ExecuteDeleteAsync(cancellationToken);
}
