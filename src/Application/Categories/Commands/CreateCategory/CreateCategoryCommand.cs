using FluentValidation;
using MediatR;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;
using Veza.Domain.Categories;
using Veza.Domain.Ports;

namespace Veza.Application.Categories.Commands.CreateCategory;

/// <summary>Adds a category, at the root or under <see cref="ParentId"/> (admins).</summary>
[Authorize(Roles = "admin,super_admin")]
public sealed record CreateCategoryCommand(string Name, string Slug, Guid? ParentId = null) : ICommand<CategoryDto>;

public sealed class CreateCategoryCommandValidator : AbstractValidator<CreateCategoryCommand>
{
    public CreateCategoryCommandValidator()
    {
        RuleFor(c => c.Name).NotNull().WithMessage("name is required.").CategoryName();
        RuleFor(c => c.Slug).NotNull().WithMessage("slug is required.").CategorySlug();
    }
}

public sealed class CreateCategoryCommandHandler(ICategoryRepository categories, IClock clock) : IRequestHandler<CreateCategoryCommand, CategoryDto>
{
    public async Task<CategoryDto> Handle(CreateCategoryCommand request, CancellationToken cancellationToken)
    {
        await categories.ParentAncestryAsync(request.ParentId, cancellationToken);
        await categories.EnsureSlugFreeAsync(request.Slug, null, cancellationToken);
        var now = clock.UtcNow;
        var category = Category.Create(Guid.CreateVersion7(now), request.Name, request.Slug, request.ParentId, now);
        categories.Add(category);
        return CategoryDto.From(category);
    }
}
