using MediatR;
using Veza.Application.Common.Models;
using Veza.Application.Common.ReadModels;
using Veza.Application.Users;
using Veza.Domain.Ports;

namespace Veza.Application.Tracks.Queries.ListUserLikes;

public sealed class ListUserLikesQueryHandler(ITrackCatalog catalog, IUserDirectory directory, ICurrentUser caller)
    : IRequestHandler<ListUserLikesQuery, PagedResult<TrackDto>>
{
    public async Task<PagedResult<TrackDto>> Handle(ListUserLikesQuery request, CancellationToken cancellationToken)
    {
        await ProfileListAccess.EnsureVisibleAsync(directory, request.UserId, caller, cancellationToken);
        var filter = new TrackListFilter(caller.UserId, ViewersOwnListed: true, LikedBy: request.UserId);
        return await TrackListing.PageAsync(catalog, filter, request.Paging, caller, cancellationToken);
    }
}
