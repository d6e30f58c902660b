using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;
using Veza.Domain.Categories;
using Veza.Domain.Ports;

namespace Veza.Application.Categories.Commands.MoveCategory;

/// <summary>Puts a category (with its sub-tree) under another, or at the root when <see cref="ParentId"/> is null (admins).</summary>
[Authorize(Roles = "admin,super_admin")]
public sealed record MoveCategoryCommand(Guid CategoryId, Guid? ParentId) : ICommand<CategoryDto>;

public sealed class MoveCategoryCommandHandler(ICategoryRepository categories, IClock clock) : IRequestHandler<MoveCategoryCommand, CategoryDto>
{
    public async Task<CategoryDto> Handle(MoveCategoryCommand request, CancellationToken cancellationToken)
    {
        await categories.HoldTreeAsync(cancellationToken);
        var category = await categories.LoadAsync(request.CategoryId, cancellationToken);
        var ancestry = await categories.ParentAncestryAsync(request.ParentId, cancellationToken);
        if (category.MoveTo(request.ParentId, ancestry, clock.UtcNow) == MoveCategoryOutcome.IntoItsOwnSubtree)
        {
            throw new InvalidStateException("A category cannot move under itself or one of its sub-categories.", "parent_id", "descendant");
        }

        return CategoryDto.From(category);
    }
}
