using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Messaging;
using Veza.Application.Playlists;
using Veza.Domain.Ports;

namespace Veza.Application.Marketplace.Listings.Queries.GetListing;

/// <summary>A listing by id, for anyone who may see it (published and not hidden; its seller and admins always); 404 otherwise.</summary>
public sealed record GetListingQuery(Guid ListingId) : IQuery<ListingDetailDto>;

public sealed class GetListingQueryHandler(IMarketReadModel readModel, ICurrentUser caller) : IRequestHandler<GetListingQuery, ListingDetailDto>
{
    public async Task<ListingDetailDto> Handle(GetListingQuery request, CancellationToken cancellationToken) =>
        await readModel.FindListingAsync(request.ListingId, caller.UserId, caller.IsAdmin(), cancellationToken)
        ?? throw new NotFoundException("No listing with this id.");
}
