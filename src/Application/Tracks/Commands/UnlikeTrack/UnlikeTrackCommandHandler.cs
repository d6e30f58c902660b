using MediatR;
using Veza.Application.Common.Caching;
using Veza.Application.Common.ReadModels;
using Veza.Domain.Ports;
using Veza.Domain.Tracks;

namespace Veza.Application.Tracks.Commands.UnlikeTrack;

public sealed class UnlikeTrackCommandHandler(ITrackCatalog catalog, ITrackLikeStore likes, ICurrentUser caller, CacheInvalidation invalidation)
    : IRequestHandler<UnlikeTrackCommand, TrackLikeStateDto>
{
    public async Task<TrackLikeStateDto> Handle(UnlikeTrackCommand request, CancellationToken cancellationToken)
    {
        await TrackView.FindVisibleAsync(catalog, request.TrackId, caller, cancellationToken);
        if (await likes.RemoveAsync(caller.UserId!.Value, request.TrackId, cancellationToken))
        {
            invalidation.Tracks(request.TrackId);
        }

        return await TrackLikes.StateAsync(catalog, request.TrackId, caller, cancellationToken);
    }
}
