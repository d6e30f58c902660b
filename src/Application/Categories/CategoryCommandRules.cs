using FluentValidation;
using Veza.Application.Common.Exceptions;
using Veza.Domain.Categories;

namespace Veza.Application.Categories;

public static class CategoryCommandRules
{
    public static IRuleBuilderOptions<T, string?> CategoryName<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(n => n is null || n.Trim().Length is > 0 and <= Category.NameMaxLength).WithMessage($"name is 1 to {Category.NameMaxLength} characters.");

    public static IRuleBuilderOptions<T, string?> CategorySlug<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(s => s is null || Category.IsSlug(s)).WithMessage($"slug is lowercase letters, digits and single hyphens (such as 'audio-interfaces'), at most {Category.SlugMaxLength} characters.");

    /// <summary>The category, or 404.</summary>
    public static async Task<Category> LoadAsync(this ICategoryRepository categories, Guid id, CancellationToken cancellationToken) =>
        await categories.GetAsync(id, cancellationToken) ?? throw new NotFoundException("No category with this id.");

    /// <summary>409 on slug when another category has it (the unique index is the safety net for a race).</summary>
    public static async Task EnsureSlugFreeAsync(this ICategoryRepository categories, string slug, Guid? except, CancellationToken cancellationToken)
    {
        if (await categories.SlugTakenAsync(slug, except, cancellationToken))
        {
            throw new ConflictException("Another category has this slug.", "slug");
        }
    }

    /// <summary>The parent's ancestry (itself first), or 400 on parent_id when it does not exist.</summary>
    public static async Task<IReadOnlyList<Guid>> ParentAncestryAsync(this ICategoryRepository categories, Guid? parentId, CancellationToken cancellationToken)
    {
        if (parentId is not { } id)
        {
            return [];
        }

        var ancestry = await categories.AncestryAsync(id, cancellationToken);
        return ancestry.Count > 0 ? ancestry : throw new RequestValidationException([new FieldError("parent_id", "No category with this id.")]);
    }
}
