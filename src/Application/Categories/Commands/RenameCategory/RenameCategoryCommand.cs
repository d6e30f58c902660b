using FluentValidation;
using MediatR;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;
using Veza.Domain.Categories;
using Veza.Domain.Ports;

namespace Veza.Application.Categories.Commands.RenameCategory;

/// <summary>Changes a category's name and/or slug (admins); fields left out stay.</summary>
[Authorize(Roles = "admin,super_admin")]
public sealed record RenameCategoryCommand(Guid CategoryId, string? Name, string? Slug) : ICommand<CategoryDto>;

public sealed class RenameCategoryCommandValidator : AbstractValidator<RenameCategoryCommand>
{
    public RenameCategoryCommandValidator()
    {
        RuleFor(c => c.Name).CategoryName();
        RuleFor(c => c.Slug).CategorySlug();
    }
}

public sealed class RenameCategoryCommandHandler(ICategoryRepository categories, IClock clock) : IRequestHandler<RenameCategoryCommand, CategoryDto>
{
    public async Task<CategoryDto> Handle(RenameCategoryCommand request, CancellationToken cancellationToken)
    {
        var category = await categories.LoadAsync(request.CategoryId, cancellationToken);
        if (request.Slug is { } slug && slug != category.Slug)
        {
            await categories.EnsureSlugFreeAsync(slug, category.Id, cancellationToken);
        }

        category.Rename(request.Name, request.Slug, clock.UtcNow);
        return CategoryDto.From(category);
    }
}
