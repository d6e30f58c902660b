using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;
using Veza.Application.Playlists;
using Veza.Domain.Ports;

namespace Veza.Application.Marketplace.Offers.Queries.GetOffer;

/// <summary>An offer with its history, for its buyer, its seller and admins; 404 for anyone else.</summary>
[Authorize]
public sealed record GetOfferQuery(Guid OfferId) : IQuery<OfferDetailDto>;

public sealed class GetOfferQueryHandler(IMarketReadModel readModel, ICurrentUser caller) : IRequestHandler<GetOfferQuery, OfferDetailDto>
{
    public async Task<OfferDetailDto> Handle(GetOfferQuery request, CancellationToken cancellationToken)
    {
        var offer = await readModel.FindOfferAsync(request.OfferId, cancellationToken);
        return offer is not null && (caller.IsAdmin() || offer.Buyer.Id == caller.UserId || offer.Seller.Id == caller.UserId)
            ? offer
            : throw new NotFoundException("No offer with this id.");
    }
}
