using MediatR;
using Veza.Application.Common.Caching;
using Veza.Application.Common.ReadModels;
using Veza.Domain.Ports;

namespace Veza.Application.Tracks.Queries.GetTrack;

/// <summary>
/// Reads the track's viewer-independent row through the cache (stored with its liked flag cleared, whatever its
/// visibility) and applies <see cref="TrackView"/> to the caller on every call, so a private or hidden track is
/// never shown from the cache to someone who may not see it: on a hit, the visibility facts and the caller's like
/// are read from the source (one primary-key read) and replace the cached ones.
/// The play count is served as cached (stale up to the time to live: a play does not invalidate); the like count is
/// invalidated by each like (docs/decisions/0040).
/// </summary>
public sealed class GetTrackQueryHandler(ITrackCatalog catalog, ICurrentUser caller, ICache cache, CacheSettings cacheSettings) : IRequestHandler<GetTrackQuery, TrackDto>
{
    public async Task<TrackDto> Handle(GetTrackQuery request, CancellationToken cancellationToken)
    {
        var viewerId = caller.UserId!.Value;
        var key = CacheKeys.Track(request.TrackId);
        var track = await cache.GetAsync<TrackData>(key, cancellationToken);
        if (track is null)
        {
            track = await catalog.FindAsync(request.TrackId, viewerId, cancellationToken) ?? throw TrackView.NotFound();
            await cache.SetAsync(key, track with { LikedByViewer = false }, cacheSettings.TimeToLive, cancellationToken);
        }
        else
        {
            // Who may see the track is never taken from the cache: a node that missed an invalidation, or a reader that
            // cached the row just before a change committed, would otherwise show a track made private or hidden.
            var access = await catalog.VisibilityFactsAsync(request.TrackId, viewerId, cancellationToken) ?? throw TrackView.NotFound();
            track = track with { OwnerId = access.OwnerId, Visibility = access.Visibility, HiddenAt = access.HiddenAt, LikedByViewer = access.LikedByViewer };
        }

        return TrackView.CanSee(track, viewerId, caller.Role) ? TrackView.For(track, viewerId, caller.Role) : throw TrackView.NotFound();
    }
}
