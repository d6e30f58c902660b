using FluentValidation;
using Veza.Domain.Marketplace;

namespace Veza.Application.Marketplace.Listings.Commands.UpdateListing;

public sealed class UpdateListingCommandValidator : AbstractValidator<UpdateListingCommand>
{
    public UpdateListingCommandValidator()
    {
        RuleFor(c => c.Title).ListingTitle();
        RuleFor(c => c.Description).MaxText(MarketRules.DescriptionMaxLength, "description");
        RuleFor(c => c.Kind).OneOf<UpdateListingCommand, ListingKind>("kind");
        RuleFor(c => c.Condition).OneOf<UpdateListingCommand, ListingCondition>("condition");
        RuleFor(c => c.Status).Must(s => s is null or "draft" or "active").WithMessage("status is draft or active.");
        RuleFor(c => c.Price).Amount("price");
        RuleFor(c => c.Currency).Currency();
        RuleFor(c => c.Location).MaxText(MarketRules.LocationMaxLength, "location");
        RuleFor(c => c.Tags).ListingTags();
    }
}
