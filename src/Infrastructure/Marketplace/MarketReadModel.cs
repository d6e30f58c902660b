using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Veza.Application.Categories;
using Veza.Application.Common.Models;
using Veza.Application.Marketplace;
using Veza.Application.Users;
using Veza.Domain.Categories;
using Veza.Domain.Marketplace;
using Veza.Domain.Users;
using Veza.Infrastructure.Persistence;

namespace Veza.Infrastructure.Marketplace;

/// <summary>The category tree with the market's counts (one grouped query; the tree is built in memory).</summary>
internal sealed class CategoryReadModel(VezaDbContext db) : ICategoryReadModel
{
    public async Task<IReadOnlyList<CategoryRow>> AllAsync(CancellationToken cancellationToken)
    {
        var counts = db.Set<Listing>().Where(l => l.Status == ListingStatus.Active && l.HiddenAt == null);
        return await db.Set<Category>().AsNoTracking()
            .Select(c => new CategoryRow(c.Id, c.Name, c.Slug, c.ParentId, counts.LongCount(l => l.CategoryId == c.Id)))
            .ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<Guid>> WithDescendantsAsync(Guid categoryId, CancellationToken cancellationToken) =>
        await db.Database.SqlQuery<Guid>($"""
            WITH RECURSIVE down(id, depth) AS (
                SELECT id, 0 FROM categories WHERE id = {categoryId}
                UNION ALL
                SELECT c.id, down.depth + 1 FROM categories c JOIN down ON c.parent_id = down.id WHERE down.depth < 64
            )
            SELECT id AS "Value" FROM down
            """).ToListAsync(cancellationToken);
}

/// <summary>
/// Listings, offers, transactions and ratings as their readers see them, projected in SQL. Who may see a
/// listing by id is <see cref="Listing.IsVisibleTo"/>, applied to the loaded row, not spelt again here.
/// </summary>
internal sealed class MarketReadModel(VezaDbContext db) : IMarketReadModel
{
    public async Task<PagedResult<ListingDto>> SearchListingsAsync(ListingFilter filter, Guid? viewerId, PageRequest paging, CancellationToken cancellationToken)
    {
        var query = db.Set<Listing>().AsNoTracking();
        var statuses = filter.Statuses ?? [ListingStatus.Active];
        query = statuses.Count == 1 ? query.Where(l => l.Status == statuses[0]) : query.Where(l => statuses.Contains(l.Status));
        var ownList = filter.SellerId is { } seller && seller == viewerId;
        if (!ownList)
        {
            query = query.Where(l => l.HiddenAt == null);
        }

        if (filter.SellerId is { } sellerId)
        {
            query = query.Where(l => l.SellerId == sellerId);
        }

        if (filter.CategoryIds is { } categories)
        {
            query = categories.Count == 1 ? query.Where(l => l.CategoryId == categories[0]) : query.Where(l => categories.Contains(l.CategoryId));
        }

        if (filter.Kind is { } kind)
        {
            query = query.Where(l => l.Kind == kind);
        }

        if (filter.Condition is { } condition)
        {
            query = query.Where(l => l.Condition == condition);
        }

        if (filter.MinPrice is { } min)
        {
            query = query.Where(l => l.Price >= min);
        }

        if (filter.MaxPrice is { } max)
        {
            query = query.Where(l => l.Price <= max);
        }

        if (filter.Currency is { } currency)
        {
            query = query.Where(l => l.Currency == currency);
        }

        if (filter.Tag is { } tag)
        {
            query = query.Where(l => l.Tags.Contains(tag));
        }

        if (filter.Query is { } text)
        {
            var pattern = "%" + LikePattern.Literal(text) + "%";
            query = query.Where(l => EF.Functions.ILike(l.Title, pattern, "\\") || (l.Description != null && EF.Functions.ILike(l.Description, pattern, "\\")));
        }

        var total = await query.LongCountAsync(cancellationToken);
        var ordered = filter.Sort switch
        {
            ListingSort.PriceAsc => query.OrderBy(l => l.Price).ThenBy(l => l.Id),
            // Trade listings (no price) last, as in price_asc.
            ListingSort.PriceDesc => query.OrderBy(l => l.Price == null).ThenByDescending(l => l.Price).ThenByDescending(l => l.Id),
            ListingSort.Ending => query.OrderBy(l => l.ExpiresAt).ThenBy(l => l.Id),
            _ => query.OrderByDescending(l => l.PublishedAt).ThenByDescending(l => l.Id),
        };
        var rows = await Rows(ordered.Skip(paging.Offset).Take(paging.Limit)).ToListAsync(cancellationToken);
        return new PagedResult<ListingDto>([.. rows.Select(ToDto)], paging.Page, paging.Limit, total);
    }

    public async Task<ListingDetailDto?> FindListingAsync(Guid listingId, Guid? viewerId, bool viewerIsAdmin, CancellationToken cancellationToken)
    {
        var listing = await db.Set<Listing>().AsNoTracking().Include(l => l.Images).FirstOrDefaultAsync(l => l.Id == listingId, cancellationToken);
        if (listing is null || !listing.IsVisibleTo(viewerId, viewerIsAdmin))
        {
            return null;
        }

        var row = await Rows(db.Set<Listing>().AsNoTracking().Where(l => l.Id == listingId)).FirstAsync(cancellationToken);
        var privileged = viewerIsAdmin || viewerId == listing.SellerId;
        var watching = viewerId is { } viewer && await db.Set<ListingWatchRow>().AnyAsync(w => w.UserId == viewer && w.ListingId == listingId, cancellationToken);
        long? offerCount = privileged
            ? await db.Set<Offer>().LongCountAsync(o => o.ListingId == listingId, cancellationToken)
            : null;
        return new ListingDetailDto(
            ToDto(row), listing.Description, [.. listing.Images.Select(i => ListingImageDto.From(listing.Id, i))], watching, offerCount,
            privileged ? listing.HiddenAt : null, privileged ? listing.HiddenReason : null, listing.UpdatedAt);
    }

    public async Task<PagedResult<ListingDto>> WatchlistAsync(Guid userId, PageRequest paging, CancellationToken cancellationToken)
    {
        var watched = from w in db.Set<ListingWatchRow>()
                      where w.UserId == userId
                      join l in db.Set<Listing>().AsNoTracking() on w.ListingId equals l.Id
                      where l.HiddenAt == null && (l.Status == ListingStatus.Active || l.Status == ListingStatus.Reserved || l.Status == ListingStatus.Sold)
                      select new { w.CreatedAt, Listing = l };
        var total = await watched.LongCountAsync(cancellationToken);
        var page = watched.OrderByDescending(w => w.CreatedAt).ThenBy(w => w.Listing.Id).Skip(paging.Offset).Take(paging.Limit).Select(w => w.Listing);
        var rows = await Rows(page).ToListAsync(cancellationToken);
        return new PagedResult<ListingDto>([.. rows.Select(ToDto)], paging.Page, paging.Limit, total);
    }

    public async Task<PagedResult<OfferDto>> ListOffersAsync(Guid userId, MarketParty? role, OfferStatus? status, PageRequest paging, CancellationToken cancellationToken)
    {
        var offers = db.Set<Offer>().AsNoTracking();
        offers = role switch
        {
            MarketParty.Buyer => offers.Where(o => o.BuyerId == userId),
            MarketParty.Seller => offers.Where(o => o.SellerId == userId),
            _ => offers.Where(o => o.BuyerId == userId || o.SellerId == userId),
        };
        if (status is { } s)
        {
            offers = offers.Where(o => o.Status == s);
        }

        var total = await offers.LongCountAsync(cancellationToken);
        var items = await OfferRows(offers.OrderByDescending(o => o.UpdatedAt).ThenByDescending(o => o.Id).Skip(paging.Offset).Take(paging.Limit)).ToListAsync(cancellationToken);
        return new PagedResult<OfferDto>([.. items.Select(ToDto)], paging.Page, paging.Limit, total);
    }

    public async Task<OfferDetailDto?> FindOfferAsync(Guid offerId, CancellationToken cancellationToken)
    {
        var row = await OfferRows(db.Set<Offer>().AsNoTracking().Where(o => o.Id == offerId)).FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var moves = await db.Set<OfferMove>().AsNoTracking().Where(m => m.OfferId == offerId).OrderBy(m => m.Sequence).ToListAsync(cancellationToken);
        return new OfferDetailDto(ToDto(row), [.. moves.Select(m => new OfferMoveDto(
            m.Sequence, m.Kind, m.By, ListingChangedDto.Money(m.Amount), m.Currency, m.OfferedListingIds, m.Message, m.CreatedAt))]);
    }

    public async Task<PagedResult<TransactionDto>> ListTransactionsAsync(Guid userId, PageRequest paging, CancellationToken cancellationToken)
    {
        var mine = db.Set<MarketTransaction>().AsNoTracking().Where(t => t.BuyerId == userId || t.SellerId == userId);
        var total = await mine.LongCountAsync(cancellationToken);
        var ids = await mine.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id).Skip(paging.Offset).Take(paging.Limit).Select(t => t.Id).ToListAsync(cancellationToken);
        var items = await TransactionsAsync(ids, cancellationToken);
        return new PagedResult<TransactionDto>(items, paging.Page, paging.Limit, total);
    }

    public async Task<TransactionDto?> FindTransactionAsync(Guid transactionId, CancellationToken cancellationToken) =>
        (await TransactionsAsync([transactionId], cancellationToken)).FirstOrDefault();

    public async Task<UserRatingsDto> RatingsOfAsync(Guid userId, PageRequest paging, CancellationToken cancellationToken)
    {
        var ratings = db.Set<Rating>().AsNoTracking().Where(r => r.RateeId == userId);
        var summary = await ratings.GroupBy(_ => 1).Select(g => new { Average = g.Average(r => (double)r.Score), Count = g.Count() }).FirstOrDefaultAsync(cancellationToken);
        var items = await RatingRows(ratings.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).Skip(paging.Offset).Take(paging.Limit)).ToListAsync(cancellationToken);
        return new UserRatingsDto(
            new RatingSummaryDto(summary is null ? null : Math.Round(summary.Average, 2), summary?.Count ?? 0),
            new PagedResult<RatingDto>(items, paging.Page, paging.Limit, summary?.Count ?? 0));
    }

    private async Task<List<TransactionDto>> TransactionsAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        var rows = await (
                from t in db.Set<MarketTransaction>().AsNoTracking()
                where ids.Contains(t.Id)
                join l in db.Set<Listing>() on t.ListingId equals l.Id
                join b in db.Set<User>() on t.BuyerId equals b.Id
                join s in db.Set<User>() on t.SellerId equals s.Id
                select new { t, ListingTitle = l.Title, ListingStatus = l.Status, Buyer = b.Username, Seller = s.Username })
            .ToListAsync(cancellationToken);
        var ratings = (await RatingRows(db.Set<Rating>().AsNoTracking().Where(r => ids.Contains(r.TransactionId)).OrderBy(r => r.CreatedAt)).ToListAsync(cancellationToken))
            .ToLookup(r => r.TransactionId);
        var byId = rows.ToDictionary(r => r.t.Id, r => new TransactionDto(
            r.t.Id, r.t.OfferId, new ListingRefDto(r.t.ListingId, r.ListingTitle, r.ListingStatus), new UserRefDto(r.t.BuyerId, r.Buyer), new UserRefDto(r.t.SellerId, r.Seller),
            ListingChangedDto.Money(r.t.Amount), r.t.Currency, r.t.BarteredListingIds, r.t.Status, r.t.ShippedAt, r.t.CompletedAt, r.t.CancelledAt,
            r.t.BuyerCancelRequestedAt, r.t.SellerCancelRequestedAt, [.. ratings[r.t.Id]], r.t.CreatedAt, r.t.UpdatedAt));
        return [.. ids.Where(byId.ContainsKey).Select(id => byId[id])];
    }

    private IQueryable<RatingDto> RatingRows(IQueryable<Rating> ratings) =>
        from r in ratings
        join u in db.Set<User>() on r.RaterId equals u.Id
        select new RatingDto(r.Id, r.TransactionId, new UserRefDto(r.RaterId, u.Username), r.Score, r.Comment, r.CreatedAt);

    private IQueryable<OfferRow> OfferRows(IQueryable<Offer> offers) =>
        from o in offers
        join l in db.Set<Listing>() on o.ListingId equals l.Id
        join b in db.Set<User>() on o.BuyerId equals b.Id
        join s in db.Set<User>() on o.SellerId equals s.Id
        select new OfferRow(o.Id, o.ListingId, l.Title, l.Status, o.BuyerId, b.Username, o.SellerId, s.Username, o.Status, o.Amount, o.Currency,
            o.OfferedListingIds, o.Turn, o.ExpiresAt, o.TransactionId, o.ClosedReason, o.CreatedAt, o.UpdatedAt);

    private static OfferDto ToDto(OfferRow o) => new(
        o.Id, new ListingRefDto(o.ListingId, o.ListingTitle, o.ListingStatus), new UserRefDto(o.BuyerId, o.Buyer), new UserRefDto(o.SellerId, o.Seller), o.Status,
        ListingChangedDto.Money(o.Amount), o.Currency, o.OfferedListingIds, o.Status is OfferStatus.Pending or OfferStatus.Countered ? o.Turn : null,
        o.ExpiresAt, o.TransactionId, o.ClosedReason, o.CreatedAt, o.UpdatedAt);

    /// <summary>The list fields of each listing, with its seller's rating and its cover picture, in the order given.</summary>
    private IQueryable<ListingRow> Rows(IQueryable<Listing> listings) =>
        from l in listings
        join u in db.Set<User>() on l.SellerId equals u.Id
        join c in db.Set<Category>() on l.CategoryId equals c.Id
        select new ListingRow(
            l.Id, l.SellerId, u.Username,
            db.Set<Rating>().Where(r => r.RateeId == l.SellerId).Average(r => (double?)r.Score),
            db.Set<Rating>().Count(r => r.RateeId == l.SellerId),
            l.Title, l.Kind, l.Price, l.Currency, l.Condition, c.Id, c.Name, c.Slug, l.Tags, l.Location, l.TrackId, l.UserProductId, l.Status,
            db.Set<ListingImage>().Where(i => i.ListingId == l.Id).OrderBy(i => i.Position).Select(i => (Guid?)i.Id).FirstOrDefault(),
            l.CreatedAt, l.PublishedAt, l.ExpiresAt);

    private static ListingDto ToDto(ListingRow r) => new(
        r.Id, new SellerDto(r.SellerId, r.Seller, new RatingSummaryDto(r.RatingAverage is { } a ? Math.Round(a, 2) : null, r.RatingCount)),
        r.Title, r.Kind, ListingChangedDto.Money(r.Price), r.Currency, r.Condition, new CategoryRefDto(r.CategoryId, r.CategoryName, r.CategorySlug), r.Tags, r.Location,
        r.TrackId, r.UserProductId, r.Status, r.CoverId is { } cover ? ListingImageRules.Url(r.Id, cover, ListingImageRules.SmallSize) : null, r.CreatedAt, r.PublishedAt, r.ExpiresAt);

    private sealed record ListingRow(
        Guid Id, Guid SellerId, string Seller, double? RatingAverage, int RatingCount, string Title, ListingKind Kind, decimal? Price, string? Currency,
        ListingCondition Condition, Guid CategoryId, string CategoryName, string CategorySlug, List<string> Tags, string? Location, Guid? TrackId, Guid? UserProductId, ListingStatus Status,
        Guid? CoverId, DateTimeOffset CreatedAt, DateTimeOffset? PublishedAt, DateTimeOffset? ExpiresAt);

    private sealed record OfferRow(
        Guid Id, Guid ListingId, string ListingTitle, ListingStatus ListingStatus, Guid BuyerId, string Buyer, Guid SellerId, string Seller, OfferStatus Status,
        decimal? Amount, string? Currency, List<Guid> OfferedListingIds, MarketParty Turn, DateTimeOffset ExpiresAt, Guid? TransactionId, string? ClosedReason,
        DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
}

/// <summary>A row of listing_watches, for reading (the store writes it in single statements).</summary>
internal sealed class ListingWatchRow
{
    public Guid UserId { get; set; }
    public Guid ListingId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class ListingWatchRowConfiguration : IEntityTypeConfiguration<ListingWatchRow>
{
    public void Configure(EntityTypeBuilder<ListingWatchRow> builder)
    {
        builder.ToTable("listing_watches");
        builder.HasKey(w => new { w.UserId, w.ListingId });
    }
}
