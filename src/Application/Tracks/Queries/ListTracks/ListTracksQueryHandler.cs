using MediatR;
using Veza.Application.Common.Models;
using Veza.Application.Common.ReadModels;
using Veza.Domain.Ports;

namespace Veza.Application.Tracks.Queries.ListTracks;

public sealed class ListTracksQueryHandler(ITrackCatalog catalog, ICurrentUser caller) : IRequestHandler<ListTracksQuery, PagedResult<TrackDto>>
{
    public Task<PagedResult<TrackDto>> Handle(ListTracksQuery request, CancellationToken cancellationToken)
    {
        Guid? ownerId = request.UserId switch
        {
            null => null,
            ListTracksQuery.Me => caller.UserId,
            var id => Guid.Parse(id),
        };
        var filter = new TrackListFilter(
            caller.UserId,
            ViewersOwnListed: ownerId is not null && ownerId == caller.UserId,
            OwnerId: ownerId,
            Tag: TrackListing.SearchTerm(request.Tag),
            Genre: TrackListing.SearchTerm(request.Genre),
            Search: TrackListing.SearchTerm(request.Q),
            Sort: TrackListing.Sort(request.Sort));
        return TrackListing.PageAsync(catalog, filter, request.Paging, caller, cancellationToken);
    }
}
