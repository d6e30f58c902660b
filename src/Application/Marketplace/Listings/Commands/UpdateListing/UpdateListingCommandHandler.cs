using MediatR;
using Veza.Domain.Categories;
using Veza.Domain.Gear;
using Veza.Domain.Marketplace;
using Veza.Domain.Ports;
using Veza.Domain.Tracks;

namespace Veza.Application.Marketplace.Listings.Commands.UpdateListing;

public sealed class UpdateListingCommandHandler(
    IListingRepository listings, IOfferRepository offers, ICategoryRepository categories, ITrackRepository tracks, IOwnedGearRepository gear, MarketSettings settings, IClock clock, ICurrentUser caller)
    : IRequestHandler<UpdateListingCommand, ListingChangedDto>
{
    public async Task<ListingChangedDto> Handle(UpdateListingCommand request, CancellationToken cancellationToken)
    {
        var listing = await listings.LoadForSellerAsync(request.ListingId, caller, adminMayChange: false, cancellationToken);
        if (request.CategoryId is { } categoryId)
        {
            await categories.EnsureCategoryAsync(categoryId, cancellationToken);
        }

        await tracks.EnsureOwnTrackAsync(request.TrackId, listing.SellerId, cancellationToken);
        await gear.EnsureOwnGearAsync(request.UserProductId, listing.SellerId, cancellationToken);
        var now = clock.UtcNow;
        var outcome = listing.Edit(Merge(listing.Terms, request), now);
        if (outcome == EditListingOutcome.Final)
        {
            throw ListingCommandAccess.NotInState(listing, "A sold or archived listing cannot change.");
        }

        if (outcome == EditListingOutcome.PriceLocked)
        {
            throw ListingCommandAccess.NotInState(listing, "The listing is reserved: its price, currency and kind are what the accepted offer was made on.");
        }

        await ChangeStatusAsync(listing, request.Status, now, cancellationToken);
        return ListingChangedDto.From(listing);
    }

    /// <summary>The stored terms with the fields the request carries; a kind change to trade drops the price.</summary>
    private static ListingTerms Merge(ListingTerms stored, UpdateListingCommand request)
    {
        var kind = ListingFieldRules.ParseOptional<ListingKind>(request.Kind) ?? stored.Kind;
        var (price, currency) = kind.NeedsPrice()
            ? (request.Price ?? stored.Price, request.Currency ?? stored.Currency)
            : (request.Price, request.Currency);
        return new ListingTerms(
            request.Title ?? stored.Title,
            request.Description ?? stored.Description,
            kind,
            price,
            currency,
            ListingFieldRules.ParseOptional<ListingCondition>(request.Condition) ?? stored.Condition,
            request.CategoryId ?? stored.CategoryId,
            request.Tags ?? stored.Tags,
            request.Location ?? stored.Location,
            request.TrackId ?? stored.TrackId,
            request.UserProductId ?? stored.UserProductId);
    }

    private async Task ChangeStatusAsync(Listing listing, string? status, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (status is null || status == Domain.Common.WireNames.ToWireName(listing.Status))
        {
            return;
        }

        if (status == "active" && !listing.Publish(now, settings.ListingLifetime))
        {
            throw ListingCommandAccess.NotInState(listing, "Only a draft can be published.");
        }

        if (status == "draft")
        {
            if (listing.Status != ListingStatus.Active)
            {
                throw ListingCommandAccess.NotInState(listing, "Only an active listing goes back to draft.");
            }

            if ((await offers.ListOpenInvolvingAsync([listing.Id], null, cancellationToken)).Count > 0)
            {
                throw ListingCommandAccess.NotInState(listing, "Offers are waiting on this listing: answer them before taking it off the market.");
            }

            listing.Unpublish(now);
        }
    }
}
