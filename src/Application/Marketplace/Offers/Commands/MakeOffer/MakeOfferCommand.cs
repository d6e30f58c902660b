using FluentValidation;
using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;
using Veza.Application.Common.Validation;
using Veza.Application.Playlists;
using Veza.Domain.Common;
using Veza.Domain.Marketplace;
using Veza.Domain.Ports;
using Veza.Domain.Social;

namespace Veza.Application.Marketplace.Offers.Commands.MakeOffer;

/// <summary>
/// A buyer's offer on an active listing: money (in the listing's currency), listings of the buyer's own to
/// trade, or both, as the listing's kind allows. Not on one's own listing (403), not when either has blocked
/// the other (403), one open offer per buyer and listing (409). The seller answers next.
/// </summary>
[Authorize]
public sealed record MakeOfferCommand(Guid ListingId, decimal? Amount, string? Currency, IReadOnlyList<Guid>? OfferedListingIds, [MultilineText] string? Message) : ICommand<OfferDetailDto>;

public sealed class MakeOfferCommandValidator : AbstractValidator<MakeOfferCommand>
{
    public MakeOfferCommandValidator() => this.OfferTerms(c => c.Amount, c => c.Currency, c => c.OfferedListingIds, c => c.Message);
}

public sealed class MakeOfferCommandHandler(
    IListingRepository listings, IOfferRepository offers, IBlockRepository blocks, IMarketReadModel readModel, IUnitOfWork unitOfWork, IJobScheduler jobs,
    MarketSettings settings, IClock clock, ICurrentUser caller)
    : IRequestHandler<MakeOfferCommand, OfferDetailDto>
{
    public async Task<OfferDetailDto> Handle(MakeOfferCommand request, CancellationToken cancellationToken)
    {
        var buyerId = caller.UserId!.Value;
        var listing = await listings.GetAsync(request.ListingId, cancellationToken);
        if (listing is null || !listing.IsVisibleTo(buyerId, caller.IsAdmin()))
        {
            throw new NotFoundException("No listing with this id.");
        }

        if (listing.SellerId == buyerId)
        {
            throw new ForbiddenException("You cannot make an offer on your own listing.");
        }

        if (await blocks.IsBlockedAsync(buyerId, listing.SellerId, cancellationToken))
        {
            throw new ForbiddenException("You cannot make offers to this seller.");
        }

        if (!listing.IsAvailable)
        {
            throw ListingCommandAccess.NotInState(listing, $"The listing is {listing.Status.ToWireName()}: only active listings take offers.");
        }

        if (await offers.HasOpenOfferAsync(buyerId, listing.Id, cancellationToken))
        {
            throw new ConflictException("You already have an open offer on this listing: counter or withdraw it.", "listing_id");
        }

        var terms = OfferCommandAccess.Terms(request.Amount, request.Currency, request.OfferedListingIds, request.Message);
        var offered = await listings.GetManyAsync([.. terms.OfferedListingIds], cancellationToken);
        var now = clock.UtcNow;
        var offer = Offer.Make(Guid.CreateVersion7(now), listing, buyerId, terms, offered, now, settings.OfferLifetime);
        offers.Add(offer);
        jobs.ScheduleExpiry(offer);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return (await readModel.FindOfferAsync(offer.Id, cancellationToken))!;
    }
}
