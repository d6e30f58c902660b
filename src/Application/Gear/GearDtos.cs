using System.Text.Json;
using Veza.Application.Categories;
using Veza.Domain.Gear;

namespace Veza.Application.Gear;

/// <summary>A catalog product in a list. Price as in the marketplace: a two-decimal string and its currency.</summary>
public record ProductDto(
    Guid Id, string Name, string Brand, string? Model, CategoryRefDto Category, string? Price, string? Currency, int WarrantyMonths, ProductStatus Status,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>A product with everything the catalog holds on it, its documents included.</summary>
public sealed record ProductDetailDto : ProductDto
{
    public ProductDetailDto(ProductDto product, string? description, string? warrantyConditions, string? manufacturerWebsite, JsonElement specifications, IReadOnlyList<GearFileDto> documents)
        : base(product)
    {
        Description = description;
        WarrantyConditions = warrantyConditions;
        ManufacturerWebsite = manufacturerWebsite;
        Specifications = specifications;
        Documents = documents;
    }

    public string? Description { get; }
    public string? WarrantyConditions { get; }
    public string? ManufacturerWebsite { get; }

    /// <summary>The admin's JSON object, as given.</summary>
    public JsonElement Specifications { get; }

    public IReadOnlyList<GearFileDto> Documents { get; }
}

/// <summary>A search hit, best first: <see cref="Score"/> is the trigram word similarity (0–1) of the query to name, brand and model.</summary>
public sealed record ProductSearchHitDto(Guid Id, string Name, string Brand, string? Model, CategoryRefDto Category, ProductStatus Status, double Score);

/// <summary>A piece of gear someone owns, with its product and its warranty as of today.</summary>
public sealed record OwnedGearDto(
    Guid Id,
    Guid ProductId,
    string ProductName,
    string Brand,
    string? Model,
    string CategoryName,
    string? Version,
    string? SerialNumber,
    DateOnly? PurchaseDate,
    string? PurchasePrice,
    string? Currency,
    DateOnly? WarrantyExpires,
    bool IsUnderWarranty,
    int? DaysOfWarrantyLeft,
    string? Notes,
    OwnedGearStatus Status,
    int FilesCount,
    int DocsCount,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>A stored file's metadata and where to get it (download always as an attachment).</summary>
public sealed record GearFileDto(
    Guid Id, GearFileType Type, string FileName, string ContentType, long Bytes, int? PageCount, Guid? UserProductId, Guid? ProductId,
    string DownloadUrl, string? ThumbnailUrl, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static GearFileDto From(GearFile f) => new(
        f.Id, f.Type, f.FileName, f.ContentType, f.Bytes, f.PageCount, f.OwnedGearId, f.ProductId,
        $"/api/v1/files/{f.Id}/download", f.ThumbnailKey is null ? null : $"/api/v1/files/{f.Id}/thumbnail", f.CreatedAt, f.UpdatedAt);
}

/// <summary>An open stored file to send; the caller disposes it.</summary>
public sealed record GearFileContent(GearFileDto File, string ContentType, Domain.Ports.StoredFile Content) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Content.DisposeAsync();
}

public sealed record ProductFilter(Guid? CategoryId, string? Brand, ProductSort Sort, bool IncludeDiscontinued, ProductStatus? Status = null);

public enum ProductSort
{
    Name,
    Brand,
    Newest,
}

public sealed record OwnedGearFilter(OwnedGearStatus? Status, IReadOnlyList<Guid>? CategoryIds, string? Query);
