namespace Veza.Application.Categories;

public interface ICategoryReadModel
{
    /// <summary>Every category, with the number of listings on the market directly in each.</summary>
    Task<IReadOnlyList<CategoryRow>> AllAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The category and every one under it (what "category" means as a filter), without counting anything: a
    /// search asks this on every request. Empty when there is no such category.
    /// </summary>
    Task<IReadOnlyList<Guid>> WithDescendantsAsync(Guid categoryId, CancellationToken cancellationToken);
}

public static class CategoryReadModelExtensions
{
    public static async Task<CategoryTree> TreeAsync(this ICategoryReadModel readModel, CancellationToken cancellationToken) =>
        new(await readModel.AllAsync(cancellationToken));
}
