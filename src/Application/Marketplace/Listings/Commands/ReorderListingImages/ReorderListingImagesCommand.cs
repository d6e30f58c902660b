using FluentValidation;
using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;
using Veza.Domain.Marketplace;
using Veza.Domain.Ports;

namespace Veza.Application.Marketplace.Listings.Commands.ReorderListingImages;

/// <summary>Puts the listing's pictures in the order given (exactly its picture ids, each once); the first is the cover.</summary>
[Authorize]
public sealed record ReorderListingImagesCommand(Guid ListingId, IReadOnlyList<Guid> ImageIds) : ICommand<IReadOnlyList<ListingImageDto>>;

public sealed class ReorderListingImagesCommandValidator : AbstractValidator<ReorderListingImagesCommand>
{
    public ReorderListingImagesCommandValidator() =>
        RuleFor(c => c.ImageIds).NotNull().WithMessage("image_ids is required.").Must(ids => ids is null || ids.Count <= MarketRules.MaxImages)
            .WithMessage($"image_ids has at most {MarketRules.MaxImages} ids.");
}

public sealed class ReorderListingImagesCommandHandler(IListingRepository listings, IClock clock, ICurrentUser caller)
    : IRequestHandler<ReorderListingImagesCommand, IReadOnlyList<ListingImageDto>>
{
    public async Task<IReadOnlyList<ListingImageDto>> Handle(ReorderListingImagesCommand request, CancellationToken cancellationToken)
    {
        var listing = await listings.LoadForSellerAsync(request.ListingId, caller, adminMayChange: false, cancellationToken);
        if (listing.IsFinal)
        {
            throw ListingCommandAccess.NotInState(listing, "A sold or archived listing cannot change.");
        }

        if (!listing.ReorderImages(request.ImageIds, clock.UtcNow))
        {
            throw new RequestValidationException([new FieldError("image_ids", "Name exactly the listing's pictures, each once.")]);
        }

        return [.. listing.Images.Select(i => ListingImageDto.From(listing.Id, i))];
    }
}
