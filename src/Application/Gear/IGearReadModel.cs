using Veza.Application.Common.Models;

namespace Veza.Application.Gear;

public interface IGearReadModel
{
    /// <summary>Active products whose name, brand or model resemble the query (typo-tolerant), best first.</summary>
    Task<IReadOnlyList<ProductSearchHitDto>> SearchProductsAsync(string query, int limit, CancellationToken cancellationToken);

    /// <param name="categoryIds">The category filter resolved to the category and everything under it; null for all.</param>
    Task<PagedResult<ProductDto>> ListProductsAsync(ProductFilter filter, PageRequest paging, IReadOnlyList<Guid>? categoryIds, CancellationToken cancellationToken);

    /// <summary>Null when there is none (or it is discontinued and <paramref name="includeDiscontinued"/> is false).</summary>
    Task<ProductDetailDto?> FindProductAsync(Guid productId, bool includeDiscontinued, CancellationToken cancellationToken);

    Task<PagedResult<OwnedGearDto>> ListOwnedAsync(Guid ownerId, OwnedGearFilter filter, DateOnly today, PageRequest paging, CancellationToken cancellationToken);

    Task<OwnedGearDto?> FindOwnedAsync(Guid ownedGearId, Guid ownerId, DateOnly today, CancellationToken cancellationToken);

    /// <summary>The owner's active entries whose warranty ends between the two days (inclusive), soonest first.</summary>
    Task<IReadOnlyList<OwnedGearDto>> WarrantiesAsync(Guid ownerId, DateOnly earliest, DateOnly latest, DateOnly today, CancellationToken cancellationToken);
}
