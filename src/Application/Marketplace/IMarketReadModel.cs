using Veza.Application.Common.Models;
using Veza.Domain.Marketplace;

namespace Veza.Application.Marketplace;

public interface IMarketReadModel
{
    /// <summary>
    /// Listings matching the filter. Hidden listings never appear, except to their seller in the seller's own
    /// list (<paramref name="viewerId"/> = <see cref="ListingFilter.SellerId"/>).
    /// </summary>
    Task<PagedResult<ListingDto>> SearchListingsAsync(ListingFilter filter, Guid? viewerId, PageRequest paging, CancellationToken cancellationToken);

    /// <summary>The listing as the viewer may see it (<see cref="Listing.IsVisibleTo"/>); null otherwise.</summary>
    Task<ListingDetailDto?> FindListingAsync(Guid listingId, Guid? viewerId, bool viewerIsAdmin, CancellationToken cancellationToken);

    /// <summary>The listings the user watches that others may still see, most recently watched first.</summary>
    Task<PagedResult<ListingDto>> WatchlistAsync(Guid userId, PageRequest paging, CancellationToken cancellationToken);

    /// <summary>The user's offers as buyer or seller (or both when <paramref name="role"/> is null), most recently moved first.</summary>
    Task<PagedResult<OfferDto>> ListOffersAsync(Guid userId, MarketParty? role, OfferStatus? status, PageRequest paging, CancellationToken cancellationToken);

    Task<OfferDetailDto?> FindOfferAsync(Guid offerId, CancellationToken cancellationToken);

    Task<PagedResult<TransactionDto>> ListTransactionsAsync(Guid userId, PageRequest paging, CancellationToken cancellationToken);

    Task<TransactionDto?> FindTransactionAsync(Guid transactionId, CancellationToken cancellationToken);

    Task<UserRatingsDto> RatingsOfAsync(Guid userId, PageRequest paging, CancellationToken cancellationToken);
}
