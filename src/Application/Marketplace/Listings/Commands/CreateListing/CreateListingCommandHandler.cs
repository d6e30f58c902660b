using MediatR;
using Veza.Domain.Categories;
using Veza.Domain.Common;
using Veza.Domain.Gear;
using Veza.Domain.Marketplace;
using Veza.Domain.Ports;
using Veza.Domain.Tracks;

namespace Veza.Application.Marketplace.Listings.Commands.CreateListing;

public sealed class CreateListingCommandHandler(
    IListingRepository listings, ICategoryRepository categories, ITrackRepository tracks, IOwnedGearRepository gear, MarketSettings settings, IClock clock, ICurrentUser caller)
    : IRequestHandler<CreateListingCommand, ListingChangedDto>
{
    public async Task<ListingChangedDto> Handle(CreateListingCommand request, CancellationToken cancellationToken)
    {
        var sellerId = caller.UserId!.Value;
        await categories.EnsureCategoryAsync(request.CategoryId!.Value, cancellationToken);
        await tracks.EnsureOwnTrackAsync(request.TrackId, sellerId, cancellationToken);
        await gear.EnsureOwnGearAsync(request.UserProductId, sellerId, cancellationToken);
        var now = clock.UtcNow;
        var terms = new ListingTerms(
            request.Title, request.Description, WireNames.Parse<ListingKind>(request.Kind), request.Price, request.Currency,
            WireNames.Parse<ListingCondition>(request.Condition), request.CategoryId.Value, request.Tags ?? [], request.Location, request.TrackId, request.UserProductId);
        var listing = Listing.Create(Guid.CreateVersion7(now), sellerId, terms, publish: request.Status != "draft", now, settings.ListingLifetime);
        listings.Add(listing);
        return ListingChangedDto.From(listing);
    }
}
