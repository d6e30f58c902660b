using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Veza.Application.Categories;
using Veza.Application.Common.Models;
using Veza.Application.Gear;
using Veza.Application.Marketplace;
using Veza.Domain.Categories;
using Veza.Domain.Gear;
using Veza.Infrastructure.Persistence;

namespace Veza.Infrastructure.Gear;

/// <summary>The catalog and people's gear as their readers see them, projected in SQL; the warranty arithmetic is the entity's.</summary>
internal sealed class GearReadModel(VezaDbContext db) : IGearReadModel
{
    public async Task<IReadOnlyList<ProductSearchHitDto>> SearchProductsAsync(string query, int limit, CancellationToken cancellationToken)
    {
        // Word similarity: a misspelt brand ("focusrit") matches the word it resembles inside the longer text; the
        // operator (<%) uses the trigram index, the function ranks.
        var hits = await db.Database.SqlQuery<SearchRow>($"""
            SELECT p.id AS "Id", p.name AS "Name", p.brand AS "Brand", p.model AS "Model", p.status AS "Status",
                   c.id AS "CategoryId", c.name AS "CategoryName", c.slug AS "CategorySlug",
                   word_similarity({query}, lower(p.name || ' ' || p.brand || ' ' || coalesce(p.model, ''))) AS "Score"
            FROM products p JOIN categories c ON c.id = p.category_id
            WHERE p.status = 'active' AND {query} <% lower(p.name || ' ' || p.brand || ' ' || coalesce(p.model, ''))
            ORDER BY "Score" DESC, p.name, p.id
            LIMIT {limit}
            """).ToListAsync(cancellationToken);
        return [.. hits.Select(h => new ProductSearchHitDto(h.Id, h.Name, h.Brand, h.Model, new CategoryRefDto(h.CategoryId, h.CategoryName, h.CategorySlug),
            Domain.Common.WireNames.Parse<ProductStatus>(h.Status), Math.Round(h.Score, 4)))];
    }

    public async Task<PagedResult<ProductDto>> ListProductsAsync(ProductFilter filter, PageRequest paging, IReadOnlyList<Guid>? categoryIds, CancellationToken cancellationToken)
    {
        var products = db.Set<Product>().AsNoTracking();
        if (filter.Status is { } status)
        {
            products = products.Where(p => p.Status == status);
        }
        else if (!filter.IncludeDiscontinued)
        {
            products = products.Where(p => p.Status == ProductStatus.Active);
        }

        if (categoryIds is not null)
        {
            products = products.Where(p => categoryIds.Contains(p.CategoryId));
        }

        if (filter.Brand is { } brand)
        {
            // Matches the lower(brand) index; ILIKE without wildcards is a case-insensitive equality.
            products = products.Where(p => EF.Functions.ILike(p.Brand, LikePattern.Literal(brand), "\\"));
        }

        var total = await products.LongCountAsync(cancellationToken);
        var ordered = filter.Sort switch
        {
            ProductSort.Brand => products.OrderBy(p => p.Brand).ThenBy(p => p.Name).ThenBy(p => p.Id),
            ProductSort.Newest => products.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id),
            _ => products.OrderBy(p => p.Name).ThenBy(p => p.Id),
        };
        var items = await Rows(ordered.Skip(paging.Offset).Take(paging.Limit)).ToListAsync(cancellationToken);
        return new PagedResult<ProductDto>([.. items.Select(r => r.Dto)], paging.Page, paging.Limit, total);
    }

    public async Task<ProductDetailDto?> FindProductAsync(Guid productId, bool includeDiscontinued, CancellationToken cancellationToken)
    {
        var row = await Rows(db.Set<Product>().AsNoTracking().Where(p => p.Id == productId && (includeDiscontinued || p.Status == ProductStatus.Active)))
            .FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var documents = await db.Set<GearFile>().AsNoTracking().Where(f => f.ProductId == productId).OrderBy(f => f.CreatedAt).ToListAsync(cancellationToken);
        using var specifications = JsonDocument.Parse(row.Specifications);
        return new ProductDetailDto(row.Dto, row.Description, row.WarrantyConditions, row.ManufacturerWebsite, specifications.RootElement.Clone(),
            [.. documents.Select(GearFileDto.From)]);
    }

    public async Task<PagedResult<OwnedGearDto>> ListOwnedAsync(Guid ownerId, OwnedGearFilter filter, DateOnly today, PageRequest paging, CancellationToken cancellationToken)
    {
        var query = Owned(ownerId);
        if (filter.Status is { } status)
        {
            query = query.Where(r => r.Gear.Status == status);
        }

        if (filter.CategoryIds is { } categories)
        {
            query = query.Where(r => categories.Contains(r.Product.CategoryId));
        }

        if (filter.Query is { } text)
        {
            var pattern = "%" + LikePattern.Literal(text) + "%";
            query = query.Where(r => EF.Functions.ILike(r.Product.Name, pattern, "\\") || EF.Functions.ILike(r.Product.Brand, pattern, "\\")
                || (r.Product.Model != null && EF.Functions.ILike(r.Product.Model, pattern, "\\"))
                || (r.Gear.SerialNumber != null && EF.Functions.ILike(r.Gear.SerialNumber, pattern, "\\"))
                || (r.Gear.Notes != null && EF.Functions.ILike(r.Gear.Notes, pattern, "\\")));
        }

        var total = await query.LongCountAsync(cancellationToken);
        var rows = await Project(query.OrderByDescending(r => r.Gear.CreatedAt).ThenByDescending(r => r.Gear.Id).Skip(paging.Offset).Take(paging.Limit)).ToListAsync(cancellationToken);
        return new PagedResult<OwnedGearDto>([.. rows.Select(r => ToDto(r, today))], paging.Page, paging.Limit, total);
    }

    public async Task<OwnedGearDto?> FindOwnedAsync(Guid ownedGearId, Guid ownerId, DateOnly today, CancellationToken cancellationToken) =>
        await Project(Owned(ownerId).Where(r => r.Gear.Id == ownedGearId)).FirstOrDefaultAsync(cancellationToken) is { } row ? ToDto(row, today) : null;

    public async Task<IReadOnlyList<OwnedGearDto>> WarrantiesAsync(Guid ownerId, DateOnly earliest, DateOnly latest, DateOnly today, CancellationToken cancellationToken)
    {
        var rows = await Project(Owned(ownerId)
                .Where(r => r.Gear.Status == OwnedGearStatus.Active && r.Gear.WarrantyExpires >= earliest && r.Gear.WarrantyExpires <= latest)
                .OrderBy(r => r.Gear.WarrantyExpires).ThenBy(r => r.Gear.Id))
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => ToDto(r, today))];
    }

    private IQueryable<OwnedJoin> Owned(Guid ownerId) =>
        from g in db.Set<OwnedGear>().AsNoTracking()
        where g.OwnerId == ownerId
        join p in db.Set<Product>() on g.ProductId equals p.Id
        select new OwnedJoin { Gear = g, Product = p };

    private IQueryable<OwnedRow> Project(IQueryable<OwnedJoin> query) =>
        from r in query
        join c in db.Set<Category>() on r.Product.CategoryId equals c.Id
        select new OwnedRow(
            r.Gear, r.Product.Name, r.Product.Brand, r.Product.Model, c.Name,
            db.Set<GearFile>().Count(f => f.OwnedGearId == r.Gear.Id),
            db.Set<GearFile>().Count(f => f.ProductId == r.Product.Id));

    private static OwnedGearDto ToDto(OwnedRow r, DateOnly today) => new(
        r.Gear.Id, r.Gear.ProductId, r.ProductName, r.Brand, r.Model, r.CategoryName, r.Gear.Version, r.Gear.SerialNumber, r.Gear.PurchaseDate,
        ListingChangedDto.Money(r.Gear.PurchasePrice), r.Gear.Currency, r.Gear.WarrantyExpires, r.Gear.IsUnderWarranty(today), r.Gear.DaysOfWarrantyLeft(today),
        r.Gear.Notes, r.Gear.Status, r.FilesCount, r.DocsCount, r.Gear.CreatedAt, r.Gear.UpdatedAt);

    private IQueryable<ProductRow> Rows(IQueryable<Product> products) =>
        from p in products
        join c in db.Set<Category>() on p.CategoryId equals c.Id
        select new ProductRow(
            new ProductDto(p.Id, p.Name, p.Brand, p.Model, new CategoryRefDto(c.Id, c.Name, c.Slug), null, p.Currency, p.WarrantyMonths, p.Status, p.CreatedAt, p.UpdatedAt),
            p.Price, p.Description, p.WarrantyConditions, p.ManufacturerWebsite, p.Specifications);

    private sealed class OwnedJoin
    {
        public OwnedGear Gear { get; init; } = null!;
        public Product Product { get; init; } = null!;
    }

    private sealed record OwnedRow(OwnedGear Gear, string ProductName, string Brand, string? Model, string CategoryName, int FilesCount, int DocsCount);

    private sealed record ProductRow(ProductDto Product, decimal? Price, string? Description, string? WarrantyConditions, string? ManufacturerWebsite, string Specifications)
    {
        public ProductDto Dto => Product with { Price = ListingChangedDto.Money(Price) };
    }

    private sealed record SearchRow(Guid Id, string Name, string Brand, string? Model, string Status, Guid CategoryId, string CategoryName, string CategorySlug, double Score);
}
