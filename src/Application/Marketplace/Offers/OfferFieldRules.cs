using FluentValidation;
using Veza.Domain.Marketplace;

namespace Veza.Application.Marketplace.Offers;

/// <summary>The terms an offer or a counter carries, checked as fields (400) before the offer checks them against the listing (422).</summary>
public static class OfferFieldRules
{
    public static void OfferTerms<T>(this AbstractValidator<T> validator, Func<T, decimal?> amount, Func<T, string?> currency, Func<T, IReadOnlyList<Guid>?> offered, Func<T, string?> message)
    {
        validator.RuleFor(c => amount(c)).Amount("amount").OverridePropertyName("amount");
        validator.RuleFor(c => currency(c)).Currency().OverridePropertyName("currency");
        validator.RuleFor(c => currency(c)).NotNull().When(c => amount(c) is not null).WithMessage("currency is required with an amount.").OverridePropertyName("currency");
        validator.RuleFor(c => amount(c)).NotNull().When(c => currency(c) is not null).WithMessage("amount goes with currency.").OverridePropertyName("amount");
        validator.RuleFor(c => offered(c)).Must(ids => ids is null || ids.Count <= MarketRules.MaxBarterListings)
            .WithMessage($"offered_listing_ids has at most {MarketRules.MaxBarterListings} listings.").OverridePropertyName("offered_listing_ids");
        validator.RuleFor(c => amount(c)).NotNull().When(c => offered(c) is not { Count: > 0 })
            .WithMessage("Offer an amount, listings of yours to trade (offered_listing_ids), or both.").OverridePropertyName("amount");
        validator.RuleFor(c => message(c)).MaxText(MarketRules.MessageMaxLength, "message").OverridePropertyName("message");
    }
}
