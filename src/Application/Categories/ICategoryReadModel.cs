namespace Veza.Application.Categories;

public interface ICategoryReadModel
{
    /// <summary>Every category, with the number of listings on the market directly in each.</summary>
    Task<IReadOnlyList<CategoryRow>> AllAsync(CancellationToken cancellationToken);
}

public static class CategoryReadModelExtensions
{
    public static async Task<CategoryTree> TreeAsync(this ICategoryReadModel readModel, CancellationToken cancellationToken) =>
        new(await readModel.AllAsync(cancellationToken));
}
