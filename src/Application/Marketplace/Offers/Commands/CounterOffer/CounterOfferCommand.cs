using FluentValidation;
using MediatR;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;
using Veza.Application.Common.Validation;
using Veza.Domain.Marketplace;
using Veza.Domain.Ports;

namespace Veza.Application.Marketplace.Offers.Commands.CounterOffer;

/// <summary>
/// The party whose turn it is puts new terms on the table (the same offer, one more step in its history); the
/// turn passes to the other. Listings offered in trade are always the buyer's. Out of turn or final: 422.
/// </summary>
[Authorize]
public sealed record CounterOfferCommand(Guid OfferId, decimal? Amount, string? Currency, IReadOnlyList<Guid>? OfferedListingIds, [MultilineText] string? Message) : ICommand<OfferDetailDto>;

public sealed class CounterOfferCommandValidator : AbstractValidator<CounterOfferCommand>
{
    public CounterOfferCommandValidator() => this.OfferTerms(c => c.Amount, c => c.Currency, c => c.OfferedListingIds, c => c.Message);
}

public sealed class CounterOfferCommandHandler(
    IOfferRepository offers, IListingRepository listings, IMarketReadModel readModel, IUnitOfWork unitOfWork, IJobScheduler jobs, MarketSettings settings, IClock clock, ICurrentUser caller)
    : IRequestHandler<CounterOfferCommand, OfferDetailDto>
{
    public async Task<OfferDetailDto> Handle(CounterOfferCommand request, CancellationToken cancellationToken)
    {
        var (offer, party) = await offers.LoadForPartyAsync(request.OfferId, caller, cancellationToken);
        var terms = OfferCommandAccess.Terms(request.Amount, request.Currency, request.OfferedListingIds, request.Message);
        var loaded = await listings.GetManyAsync([offer.ListingId, .. terms.OfferedListingIds], cancellationToken);
        var listing = loaded.Single(l => l.Id == offer.ListingId);
        offer.Counter(party, listing, terms, [.. loaded.Where(l => l.Id != offer.ListingId)], clock.UtcNow, settings.OfferLifetime).EnsureDone(offer);
        jobs.ScheduleExpiry(offer);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return (await readModel.FindOfferAsync(offer.Id, cancellationToken))!;
    }
}
