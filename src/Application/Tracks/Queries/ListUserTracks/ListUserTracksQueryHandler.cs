using MediatR;
using Veza.Application.Common.Models;
using Veza.Application.Common.ReadModels;
using Veza.Application.Users;
using Veza.Domain.Ports;

namespace Veza.Application.Tracks.Queries.ListUserTracks;

public sealed class ListUserTracksQueryHandler(ITrackCatalog catalog, IUserDirectory directory, ICurrentUser caller)
    : IRequestHandler<ListUserTracksQuery, PagedResult<TrackDto>>
{
    public async Task<PagedResult<TrackDto>> Handle(ListUserTracksQuery request, CancellationToken cancellationToken)
    {
        await ProfileListAccess.EnsureVisibleAsync(directory, request.UserId, caller, cancellationToken);
        var filter = new TrackListFilter(caller.UserId, ViewersOwnListed: true, OwnerId: request.UserId, Sort: TrackListing.Sort(request.Sort));
        return await TrackListing.PageAsync(catalog, filter, request.Paging, caller, cancellationToken);
    }
}
