namespace Veza.Domain.Marketplace;

public interface IListingRepository
{
    /// <summary>The listing with its images, for a change (its row version guards concurrent changes).</summary>
    Task<Listing?> GetAsync(Guid listingId, CancellationToken cancellationToken);

    /// <summary>The listings among <paramref name="listingIds"/> that exist.</summary>
    Task<IReadOnlyList<Listing>> GetManyAsync(IReadOnlyCollection<Guid> listingIds, CancellationToken cancellationToken);

    /// <summary>Whether any offer (in any state) names the listing, as the listing offered on or offered in trade.</summary>
    Task<bool> HasOffersAsync(Guid listingId, CancellationToken cancellationToken);

    void Add(Listing listing);

    void Remove(Listing listing);
}

public interface IOfferRepository
{
    /// <summary>The offer with its history, for a change.</summary>
    Task<Offer?> GetAsync(Guid offerId, CancellationToken cancellationToken);

    /// <summary>Open offers that involve any of the listings (offered on, or offered in trade), except <paramref name="exceptOfferId"/>.</summary>
    Task<IReadOnlyList<Offer>> ListOpenInvolvingAsync(IReadOnlyCollection<Guid> listingIds, Guid? exceptOfferId, CancellationToken cancellationToken);

    Task<bool> HasOpenOfferAsync(Guid buyerId, Guid listingId, CancellationToken cancellationToken);

    void Add(Offer offer);
}

public interface IMarketTransactionRepository
{
    /// <summary>The transaction with its ratings, for a change.</summary>
    Task<MarketTransaction?> GetAsync(Guid transactionId, CancellationToken cancellationToken);

    void Add(MarketTransaction transaction);
}
