namespace Veza.Domain.Categories;

public interface ICategoryRepository
{
    Task<Category?> GetAsync(Guid categoryId, CancellationToken cancellationToken);

    Task<bool> SlugTakenAsync(string slug, Guid? exceptCategoryId, CancellationToken cancellationToken);

    /// <summary>The category and its ancestors up to the root (empty when it does not exist).</summary>
    Task<IReadOnlyList<Guid>> AncestryAsync(Guid categoryId, CancellationToken cancellationToken);

    /// <summary>What still points at the category (sub-categories, listings, catalog products): it cannot be deleted while any does.</summary>
    Task<CategoryUsage> UsageAsync(Guid categoryId, CancellationToken cancellationToken);

    /// <summary>Holds every other category move until this transaction ends, so two moves cannot together make a cycle.</summary>
    Task HoldTreeAsync(CancellationToken cancellationToken);

    void Add(Category category);

    void Remove(Category category);
}

public sealed record CategoryUsage(long Children, long Listings, long Products = 0)
{
    public bool InUse => Children > 0 || Listings > 0 || Products > 0;
}
