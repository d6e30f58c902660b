using Veza.Domain.Marketplace;

namespace Veza.Application.Marketplace;

public enum ListingSort
{
    /// <summary>Newest published first.</summary>
    New,
    PriceAsc,
    PriceDesc,

    /// <summary>Soonest to expire first.</summary>
    Ending,
}

/// <summary>
/// The listing filters, already resolved: <see cref="CategoryIds"/> is the category asked for and everything under
/// it; <see cref="Statuses"/> is what the caller may see (active for the market; a seller's own lists add drafts and the rest).
/// </summary>
public sealed record ListingFilter(
    string? Query = null,
    IReadOnlyList<Guid>? CategoryIds = null,
    ListingKind? Kind = null,
    ListingCondition? Condition = null,
    decimal? MinPrice = null,
    decimal? MaxPrice = null,
    string? Currency = null,
    string? Tag = null,
    Guid? SellerId = null,
    IReadOnlyList<ListingStatus>? Statuses = null,
    ListingSort Sort = ListingSort.New);
