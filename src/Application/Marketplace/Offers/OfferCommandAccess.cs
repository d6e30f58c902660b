using Veza.Application.Common.Exceptions;
using Veza.Domain.Common;
using Veza.Domain.Marketplace;
using Veza.Domain.Ports;

namespace Veza.Application.Marketplace.Offers;

/// <summary>Loads an offer for one of its parties (anyone else: 404, as its existence is theirs), and turns refused moves into 422.</summary>
public static class OfferCommandAccess
{
    public static async Task<(Offer Offer, MarketParty Party)> LoadForPartyAsync(this IOfferRepository offers, Guid offerId, ICurrentUser caller, CancellationToken cancellationToken)
    {
        var offer = await offers.GetAsync(offerId, cancellationToken);
        if (offer?.PartyOf(caller.UserId!.Value) is not { } party)
        {
            throw new NotFoundException("No offer with this id.");
        }

        return (offer, party);
    }

    /// <summary>Throws the 422 for a refused move; returns for <see cref="OfferMoveOutcome.Done"/>.</summary>
    public static void EnsureDone(this OfferMoveOutcome outcome, Offer offer)
    {
        switch (outcome)
        {
            case OfferMoveOutcome.NotYourTurn:
                throw new InvalidStateException($"It is the {offer.Turn.ToWireName()}'s turn to answer.", "turn", offer.Turn.ToWireName());
            case OfferMoveOutcome.Final:
                throw new InvalidStateException($"The offer is {offer.Status.ToWireName()}: nothing more can happen to it.", "status", offer.Status.ToWireName());
            case OfferMoveOutcome.ListingUnavailable:
                throw new InvalidStateException("The listing is no longer on the market: this offer can only be rejected, withdrawn or left to expire.", "listing", "unavailable");
            case OfferMoveOutcome.NotTheBuyer:
                throw new InvalidStateException("Only the buyer withdraws an offer; the seller rejects it.", "status", offer.Status.ToWireName());
        }
    }

    /// <summary>The offer's expiry, due when its answer is: each move enqueues one (a stale one finds the deadline moved and does nothing).</summary>
    public static void ScheduleExpiry(this IJobScheduler jobs, Offer offer) =>
        jobs.Enqueue(new Commands.ExpireOffer.ExpireOfferJob(offer.Id), offer.ExpiresAt);

    public static OfferTerms Terms(decimal? amount, string? currency, IReadOnlyList<Guid>? offeredListingIds, string? message) =>
        new(amount, currency, offeredListingIds ?? [], message);
}
