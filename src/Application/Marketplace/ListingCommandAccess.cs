using Veza.Application.Common.Exceptions;
using Veza.Application.Playlists;
using Veza.Domain.Categories;
using Veza.Domain.Common;
using Veza.Domain.Marketplace;
using Veza.Domain.Ports;
using Veza.Domain.Tracks;

namespace Veza.Application.Marketplace;

/// <summary>
/// Loads a listing for a change: whoever may not see it gets 404, whoever sees it but is not its seller
/// (nor an admin, where admins may act) gets 403.
/// </summary>
public static class ListingCommandAccess
{
    public static async Task<Listing> LoadForSellerAsync(this IListingRepository listings, Guid listingId, ICurrentUser caller, bool adminMayChange, CancellationToken cancellationToken)
    {
        var listing = await listings.GetAsync(listingId, cancellationToken);
        var admin = caller.IsAdmin();
        if (listing is null || !listing.IsVisibleTo(caller.UserId, admin))
        {
            throw new NotFoundException("No listing with this id.");
        }

        if (listing.SellerId != caller.UserId && !(adminMayChange && admin))
        {
            throw new ForbiddenException("Only the listing's seller can change it.");
        }

        return listing;
    }

    /// <summary>400 on category_id when it names no category.</summary>
    public static async Task EnsureCategoryAsync(this ICategoryRepository categories, Guid categoryId, CancellationToken cancellationToken)
    {
        if (await categories.GetAsync(categoryId, cancellationToken) is null)
        {
            throw new RequestValidationException([new FieldError("category_id", "No category with this id.")]);
        }
    }

    /// <summary>400 on track_id unless it is one of the seller's own tracks (a listing sells a licence to it).</summary>
    public static async Task EnsureOwnTrackAsync(this ITrackRepository tracks, Guid? trackId, Guid sellerId, CancellationToken cancellationToken)
    {
        if (trackId is { } id && (await tracks.GetAsync(id, cancellationToken))?.OwnerId != sellerId)
        {
            throw new RequestValidationException([new FieldError("track_id", "A listing can only license one of your own tracks.")]);
        }
    }

    /// <summary>400 on user_product_id unless it is gear the seller records as their own.</summary>
    public static async Task EnsureOwnGearAsync(this Domain.Gear.IOwnedGearRepository gear, Guid? userProductId, Guid sellerId, CancellationToken cancellationToken)
    {
        if (userProductId is { } id && (await gear.GetAsync(id, cancellationToken))?.OwnerId != sellerId)
        {
            throw new RequestValidationException([new FieldError("user_product_id", "A listing can only sell gear you record as yours (GET /api/v1/user-products).")]);
        }
    }

    /// <summary>422 INVALID_STATE naming the listing's status.</summary>
    public static InvalidStateException NotInState(Listing listing, string message) =>
        new(message, "status", listing.Status.ToWireName());
}
