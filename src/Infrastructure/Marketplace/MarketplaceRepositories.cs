using Microsoft.EntityFrameworkCore;
using Npgsql;
using Veza.Domain.Categories;
using Veza.Domain.Marketplace;
using Veza.Infrastructure.Persistence;

namespace Veza.Infrastructure.Marketplace;

internal sealed class CategoryRepository(VezaDbContext db) : ICategoryRepository
{
    public Task<Category?> GetAsync(Guid categoryId, CancellationToken cancellationToken) =>
        db.Set<Category>().FirstOrDefaultAsync(c => c.Id == categoryId, cancellationToken);

    public Task<bool> SlugTakenAsync(string slug, Guid? exceptCategoryId, CancellationToken cancellationToken) =>
        db.Set<Category>().AnyAsync(c => c.Slug == slug && c.Id != exceptCategoryId, cancellationToken);

    public async Task<IReadOnlyList<Guid>> AncestryAsync(Guid categoryId, CancellationToken cancellationToken) =>
        await db.Database.SqlQuery<Guid>($"""
            WITH RECURSIVE up(id, parent_id, depth) AS (
                SELECT id, parent_id, 0 FROM categories WHERE id = {categoryId}
                UNION ALL
                SELECT c.id, c.parent_id, up.depth + 1 FROM categories c JOIN up ON c.id = up.parent_id WHERE up.depth < 64
            )
            SELECT id AS "Value" FROM up ORDER BY depth
            """).ToListAsync(cancellationToken);

    public async Task<CategoryUsage> UsageAsync(Guid categoryId, CancellationToken cancellationToken) => new(
        await db.Set<Category>().LongCountAsync(c => c.ParentId == categoryId, cancellationToken),
        await db.Set<Listing>().LongCountAsync(l => l.CategoryId == categoryId, cancellationToken),
        await db.Set<Domain.Gear.Product>().LongCountAsync(p => p.CategoryId == categoryId, cancellationToken));

    public Task HoldTreeAsync(CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext('veza.categories.tree'))", cancellationToken);

    public void Add(Category category) => db.Set<Category>().Add(category);

    public void Remove(Category category) => db.Set<Category>().Remove(category);
}

internal sealed class ListingRepository(VezaDbContext db) : IListingRepository
{
    public Task<Listing?> GetAsync(Guid listingId, CancellationToken cancellationToken) =>
        db.Set<Listing>().Include(l => l.Images).FirstOrDefaultAsync(l => l.Id == listingId, cancellationToken);

    public async Task<IReadOnlyList<Listing>> GetManyAsync(IReadOnlyCollection<Guid> listingIds, CancellationToken cancellationToken) =>
        listingIds.Count == 0 ? [] : await db.Set<Listing>().Include(l => l.Images).Where(l => listingIds.Contains(l.Id)).ToListAsync(cancellationToken);

    public Task<bool> HasOffersAsync(Guid listingId, CancellationToken cancellationToken) =>
        db.Set<Offer>().AnyAsync(o => o.ListingId == listingId || o.OfferedListingIds.Contains(listingId), cancellationToken);

    public void Add(Listing listing) => db.Set<Listing>().Add(listing);

    public void Remove(Listing listing) => db.Set<Listing>().Remove(listing);
}

internal sealed class OfferRepository(VezaDbContext db) : IOfferRepository
{
    private static readonly OfferStatus[] Open = [OfferStatus.Pending, OfferStatus.Countered];

    public Task<Offer?> GetAsync(Guid offerId, CancellationToken cancellationToken) =>
        db.Set<Offer>().Include(o => o.Moves).FirstOrDefaultAsync(o => o.Id == offerId, cancellationToken);

    public async Task<IReadOnlyList<Offer>> ListOpenInvolvingAsync(IReadOnlyCollection<Guid> listingIds, Guid? exceptOfferId, CancellationToken cancellationToken)
    {
        var ids = listingIds.ToArray();
        return await db.Set<Offer>().Include(o => o.Moves)
            .Where(o => Open.Contains(o.Status) && o.Id != exceptOfferId)
            .Where(o => ids.Contains(o.ListingId) || o.OfferedListingIds.Any(id => ids.Contains(id)))
            .ToListAsync(cancellationToken);
    }

    public Task<bool> HasOpenOfferAsync(Guid buyerId, Guid listingId, CancellationToken cancellationToken) =>
        db.Set<Offer>().AnyAsync(o => o.BuyerId == buyerId && o.ListingId == listingId && Open.Contains(o.Status), cancellationToken);

    public void Add(Offer offer) => db.Set<Offer>().Add(offer);
}

internal sealed class MarketTransactionRepository(VezaDbContext db) : IMarketTransactionRepository
{
    public Task<MarketTransaction?> GetAsync(Guid transactionId, CancellationToken cancellationToken) =>
        db.Set<MarketTransaction>().Include(t => t.Ratings).FirstOrDefaultAsync(t => t.Id == transactionId, cancellationToken);

    public void Add(MarketTransaction transaction) => db.Set<MarketTransaction>().Add(transaction);
}

/// <summary>Watches in one statement each: a repeated add or remove changes nothing.</summary>
internal sealed class ListingWatchStore(VezaDbContext db) : IListingWatchStore
{
    public async Task<bool> AddAsync(Guid userId, Guid listingId, DateTimeOffset now, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO listing_watches (user_id, listing_id, created_at) VALUES ({userId}, {listingId}, {now}) ON CONFLICT DO NOTHING", cancellationToken) == 1;

    public async Task<bool> RemoveAsync(Guid userId, Guid listingId, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlAsync($"DELETE FROM listing_watches WHERE user_id = {userId} AND listing_id = {listingId}", cancellationToken) == 1;

    public async Task<IReadOnlyList<Guid>> WatcherIdsAsync(Guid listingId, CancellationToken cancellationToken) =>
        await db.Database.SqlQuery<Guid>($"SELECT user_id AS \"Value\" FROM listing_watches WHERE listing_id = {listingId}").ToListAsync(cancellationToken);
}
