using Veza.Application.Categories;
using Veza.Application.Users;
using Veza.Domain.Marketplace;

namespace Veza.Application.Marketplace;

/// <summary>An average of 1–5 scores (null with none) and how many there are.</summary>
public sealed record RatingSummaryDto(double? Average, int Count);

/// <summary>A seller as listings show them: who, and how their trades went.</summary>
public sealed record SellerDto(Guid Id, string Username, RatingSummaryDto Rating);

/// <summary>
/// A listing in a list. Money is a string with two decimals (<c>"49.90"</c>) so no client rounds it; null for
/// a trade. <see cref="CoverUrl"/> is the first picture at the small size.
/// </summary>
public sealed record ListingDto(
    Guid Id,
    SellerDto Seller,
    string Title,
    ListingKind Kind,
    string? Price,
    string? Currency,
    ListingCondition Condition,
    CategoryRefDto Category,
    IReadOnlyList<string> Tags,
    string? Location,
    Guid? TrackId,
    Guid? UserProductId,
    ListingStatus Status,
    string? CoverUrl,
    DateTimeOffset CreatedAt,
    DateTimeOffset? PublishedAt,
    DateTimeOffset? ExpiresAt);

public sealed record ListingImageDto(Guid Id, int Position, int Width, int Height, string Url, string ThumbnailUrl)
{
    public static ListingImageDto From(Guid listingId, ListingImage image) => new(
        image.Id, image.Position, image.Width, image.Height,
        ListingImageRules.Url(listingId, image.Id, ListingImageRules.LargeSize), ListingImageRules.Url(listingId, image.Id, ListingImageRules.SmallSize));
}

/// <summary>
/// A listing opened by id: the list fields, its description and pictures, whether the caller watches it,
/// and for its seller (and admins) how many offers it has had and why it was hidden.
/// </summary>
public sealed record ListingDetailDto(
    ListingDto Listing,
    string? Description,
    IReadOnlyList<ListingImageDto> Images,
    bool Watching,
    long? OfferCount,
    DateTimeOffset? HiddenAt,
    string? HiddenReason,
    DateTimeOffset UpdatedAt);

/// <summary>What the listing commands answer: the listing as stored.</summary>
public sealed record ListingChangedDto(
    Guid Id,
    string Title,
    string? Description,
    ListingKind Kind,
    string? Price,
    string? Currency,
    ListingCondition Condition,
    Guid CategoryId,
    IReadOnlyList<string> Tags,
    string? Location,
    Guid? TrackId,
    Guid? UserProductId,
    ListingStatus Status,
    IReadOnlyList<ListingImageDto> Images,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? PublishedAt,
    DateTimeOffset? ExpiresAt)
{
    public static ListingChangedDto From(Listing l) => new(
        l.Id, l.Title, l.Description, l.Kind, Money(l.Price), l.Currency, l.Condition, l.CategoryId, l.Tags, l.Location, l.TrackId, l.UserProductId, l.Status,
        [.. l.Images.Select(i => ListingImageDto.From(l.Id, i))], l.CreatedAt, l.UpdatedAt, l.PublishedAt, l.ExpiresAt);

    public static string? Money(decimal? amount) => amount is { } value ? MarketRules.Format(value) : null;
}

/// <summary>What deleting a listing did: removed outright, or archived because offers refer to it.</summary>
public sealed record ListingDeletedDto(Guid Id, bool Deleted, bool Archived);

public sealed record ListingRefDto(Guid Id, string Title, ListingStatus Status);

/// <summary>An offer in a list, with the terms on the table and whose turn it is.</summary>
public record OfferDto(
    Guid Id,
    ListingRefDto Listing,
    UserRefDto Buyer,
    UserRefDto Seller,
    OfferStatus Status,
    string? Amount,
    string? Currency,
    IReadOnlyList<Guid> OfferedListingIds,
    MarketParty? Turn,
    DateTimeOffset ExpiresAt,
    Guid? TransactionId,
    string? ClosedReason,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>One step of a negotiation (by null: the platform: expiry, or the listing went elsewhere).</summary>
public sealed record OfferMoveDto(int Sequence, OfferMoveKind Kind, MarketParty? By, string? Amount, string? Currency, IReadOnlyList<Guid> OfferedListingIds, string? Message, DateTimeOffset CreatedAt);

/// <summary>An offer with its whole history.</summary>
public sealed record OfferDetailDto : OfferDto
{
    public OfferDetailDto(OfferDto offer, IReadOnlyList<OfferMoveDto> history)
        : base(offer)
    {
        History = history;
    }

    public IReadOnlyList<OfferMoveDto> History { get; }
}

public sealed record RatingDto(Guid Id, Guid TransactionId, UserRefDto Rater, int Score, string? Comment, DateTimeOffset CreatedAt);

/// <summary>A transaction as its parties see it; <see cref="MyRating"/> is the caller's rating of the other party, once given.</summary>
public sealed record TransactionDto(
    Guid Id,
    Guid OfferId,
    ListingRefDto Listing,
    UserRefDto Buyer,
    UserRefDto Seller,
    string? Amount,
    string? Currency,
    IReadOnlyList<Guid> BarteredListingIds,
    TransactionStatus Status,
    DateTimeOffset? ShippedAt,
    DateTimeOffset? CompletedAt,
    DateTimeOffset? CancelledAt,
    DateTimeOffset? BuyerCancelRequestedAt,
    DateTimeOffset? SellerCancelRequestedAt,
    IReadOnlyList<RatingDto> Ratings,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>A user's ratings from completed transactions, newest first, with the summary.</summary>
public sealed record UserRatingsDto(RatingSummaryDto Summary, Common.Models.PagedResult<RatingDto> Ratings);

/// <summary>Marketplace figures for the admin dashboard.</summary>
public sealed record MarketplaceStatsDto(long ActiveListings, long OffersToday, long CompletedTransactions);
