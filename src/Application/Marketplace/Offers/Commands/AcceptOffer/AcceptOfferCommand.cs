using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;
using Veza.Domain.Common;
using Veza.Domain.Marketplace;
using Veza.Domain.Ports;

namespace Veza.Application.Marketplace.Offers.Commands.AcceptOffer;

/// <summary>
/// The party whose turn it is accepts the terms on the table: the listing and any bartered listings are
/// reserved, a transaction opens (its id is in the answer), and every other open offer involving those listings
/// is rejected with the reason. A listing no longer available: 422. Two accepts racing on one listing: the
/// listing's row version lets exactly one commit; the other gets 409 CONFLICT.
/// </summary>
[Authorize]
public sealed record AcceptOfferCommand(Guid OfferId) : ICommand<OfferDetailDto>;

public sealed class AcceptOfferCommandHandler(
    IOfferRepository offers, IListingRepository listings, IMarketTransactionRepository transactions, IMarketReadModel readModel, IUnitOfWork unitOfWork, IClock clock, ICurrentUser caller)
    : IRequestHandler<AcceptOfferCommand, OfferDetailDto>
{
    public const string ClosedReason = "A listing in this offer went to another accepted offer.";

    public async Task<OfferDetailDto> Handle(AcceptOfferCommand request, CancellationToken cancellationToken)
    {
        var (offer, party) = await offers.LoadForPartyAsync(request.OfferId, caller, cancellationToken);
        var now = clock.UtcNow;
        var involved = await listings.GetManyAsync(offer.ListingIds, cancellationToken);
        offer.Accept(party, Guid.CreateVersion7(now), now).EnsureDone(offer);
        foreach (var listing in involved.OrderBy(l => l.Id))
        {
            if (!listing.Reserve(now))
            {
                throw new InvalidStateException(
                    $"The listing \"{listing.Title}\" is {(listing.HiddenAt is null ? listing.Status.ToWireName() : "hidden")}: this offer can no longer be accepted.",
                    "listing", listing.Status.ToWireName());
            }
        }

        if (involved.Count != offer.ListingIds.Count)
        {
            throw new InvalidStateException("A listing in this offer no longer exists.", "listing", "deleted");
        }

        transactions.Add(MarketTransaction.Open(offer, now));
        foreach (var other in await offers.ListOpenInvolvingAsync(offer.ListingIds, offer.Id, cancellationToken))
        {
            other.Close(ClosedReason, now);
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        return (await readModel.FindOfferAsync(offer.Id, cancellationToken))!;
    }
}
