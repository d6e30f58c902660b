namespace Veza.Domain.Marketplace;

/// <summary>Who watches which listing (to hear about price drops and its sale); adding or removing twice changes nothing.</summary>
public interface IListingWatchStore
{
    /// <summary>True when the watch was new.</summary>
    Task<bool> AddAsync(Guid userId, Guid listingId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>True when there was a watch to remove.</summary>
    Task<bool> RemoveAsync(Guid userId, Guid listingId, CancellationToken cancellationToken);

    Task<IReadOnlyList<Guid>> WatcherIdsAsync(Guid listingId, CancellationToken cancellationToken);
}
