using MediatR;
using Veza.Application.Common.Caching;
using Veza.Application.Common.ReadModels;
using Veza.Domain.Ports;
using Veza.Domain.Tracks;

namespace Veza.Application.Tracks.Commands.LikeTrack;

public sealed class LikeTrackCommandHandler(ITrackCatalog catalog, ITrackLikeStore likes, IClock clock, ICurrentUser caller, CacheInvalidation invalidation)
    : IRequestHandler<LikeTrackCommand, TrackLikeStateDto>
{
    public async Task<TrackLikeStateDto> Handle(LikeTrackCommand request, CancellationToken cancellationToken)
    {
        var userId = caller.UserId!.Value;
        await TrackView.FindVisibleAsync(catalog, request.TrackId, caller, cancellationToken);
        if (await likes.AddAsync(userId, request.TrackId, clock.UtcNow, cancellationToken))
        {
            // The cached like count is invalidated (a like is rarer than a play, and the liker expects to see it counted).
            invalidation.Tracks(request.TrackId);
        }

        return await TrackLikes.StateAsync(catalog, request.TrackId, caller, cancellationToken);
    }
}
