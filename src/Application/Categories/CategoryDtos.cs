using Veza.Domain.Categories;

namespace Veza.Application.Categories;

/// <summary>
/// A category with its sub-categories. <see cref="ListingCount"/> counts the listings on the market (active,
/// not hidden) in it and in every category under it, as a browser shows next to it.
/// </summary>
public sealed record CategoryNodeDto(Guid Id, string Name, string Slug, Guid? ParentId, long ListingCount, IReadOnlyList<CategoryNodeDto> Children);

/// <summary>One category with its sub-tree and its path from the root (breadcrumbs; the category itself last).</summary>
public sealed record CategoryDetailDto(Guid Id, string Name, string Slug, Guid? ParentId, long ListingCount, IReadOnlyList<CategoryNodeDto> Children, IReadOnlyList<CategoryRefDto> Path);

public sealed record CategoryRefDto(Guid Id, string Name, string Slug);

/// <summary>A category as stored (what the admin commands answer).</summary>
public sealed record CategoryDto(Guid Id, string Name, string Slug, Guid? ParentId, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static CategoryDto From(Category category) => new(category.Id, category.Name, category.Slug, category.ParentId, category.CreatedAt, category.UpdatedAt);
}

/// <summary>One row of the tree as the read model hands it over: the listings directly in it.</summary>
public sealed record CategoryRow(Guid Id, string Name, string Slug, Guid? ParentId, long DirectListingCount);
