using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Veza.Domain.Tracks;
using Veza.Infrastructure.Persistence;

namespace Veza.Infrastructure.Streaming;

/// <summary>
/// The byte routes' lookup of a track's renditions: one indexed read, remembered on this node for
/// <see cref="StreamingOptions.TrackCacheLifetime"/> (1 s by default) so a player's range requests do
/// not each cost a database round trip. The bound is documented (decision 0026): a track deleted or
/// reprocessed is seen by the byte routes at most that much later; signatures are checked on every request.
/// </summary>
public sealed class StreamableTracks(VezaDbContext db, RenditionCache cache, IOptions<StreamingOptions> options)
{
    public async Task<TrackRenditions?> FindAsync(Guid trackId, CancellationToken cancellationToken)
    {
        var lifetime = options.Value.TrackCacheLifetime;
        if (lifetime > TimeSpan.Zero && cache.TryGet(trackId, out var cached))
        {
            return cached;
        }

        var found = await db.Set<Track>().AsNoTracking()
            .Where(t => t.Id == trackId)
            .Select(t => new TrackRenditions(t.Id, t.HasMp3128, t.HasMp3320, t.HasHls, t.OriginalFormat, t.ProcessedAt ?? t.UpdatedAt))
            .FirstOrDefaultAsync(cancellationToken);
        if (lifetime > TimeSpan.Zero)
        {
            cache.Set(trackId, found, lifetime);
        }

        return found;
    }
}

/// <summary>The node-wide memory of <see cref="StreamableTracks"/> (misses included), trimmed of expired entries as it grows.</summary>
public sealed class RenditionCache
{
    private const int TrimAbove = 10_000;
    private readonly ConcurrentDictionary<Guid, (TrackRenditions? Renditions, long ExpiresAt)> _entries = new();

    public bool TryGet(Guid trackId, out TrackRenditions? renditions)
    {
        if (_entries.TryGetValue(trackId, out var entry) && entry.ExpiresAt > Environment.TickCount64)
        {
            renditions = entry.Renditions;
            return true;
        }

        renditions = null;
        return false;
    }

    public void Set(Guid trackId, TrackRenditions? renditions, TimeSpan lifetime)
    {
        var now = Environment.TickCount64;
        _entries[trackId] = (renditions, now + (long)lifetime.TotalMilliseconds);
        if (_entries.Count > TrimAbove)
        {
            foreach (var (id, entry) in _entries)
            {
                if (entry.ExpiresAt <= now)
                {
                    _entries.TryRemove(id, out _);
                }
            }
        }
    }
}
