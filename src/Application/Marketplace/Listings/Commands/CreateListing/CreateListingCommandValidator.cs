using FluentValidation;
using Veza.Domain.Marketplace;

namespace Veza.Application.Marketplace.Listings.Commands.CreateListing;

public sealed class CreateListingCommandValidator : AbstractValidator<CreateListingCommand>
{
    public CreateListingCommandValidator()
    {
        RuleFor(c => c.Title).NotNull().WithMessage("title is required.").ListingTitle();
        RuleFor(c => c.Description).MaxText(MarketRules.DescriptionMaxLength, "description");
        RuleFor(c => c.Kind).NotNull().WithMessage("kind is required.").OneOf<CreateListingCommand, ListingKind>("kind");
        RuleFor(c => c.Condition).NotNull().WithMessage("condition is required.").OneOf<CreateListingCommand, ListingCondition>("condition");
        RuleFor(c => c.Status).Must(s => s is null or "draft" or "active").WithMessage("status is draft or active.");
        RuleFor(c => c.CategoryId).NotNull().WithMessage("category_id is required.");
        RuleFor(c => c.Price).Amount("price");
        RuleFor(c => c.Currency).Currency();
        RuleFor(c => c.Location).MaxText(MarketRules.LocationMaxLength, "location");
        RuleFor(c => c.Tags).ListingTags();
        RuleFor(c => c.Price).NotNull().When(c => ListingFieldRules.ParseOptional<ListingKind>(c.Kind)?.NeedsPrice() == true)
            .WithMessage("price is required for kinds sale and sale_or_trade.");
        RuleFor(c => c.Price).Null().When(c => c.Kind == "trade").WithMessage("A trade listing has no price: leave price and currency out.");
        RuleFor(c => c.Currency).NotNull().When(c => c.Price is not null).WithMessage("currency is required with a price.");
        RuleFor(c => c.Currency).Null().When(c => c.Price is null).WithMessage("currency goes with a price.");
    }
}
