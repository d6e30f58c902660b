using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;
using Veza.Domain.Categories;

namespace Veza.Application.Categories.Commands.DeleteCategory;

/// <summary>Deletes an unused category (admins): one with sub-categories, listings or catalog products is 409, as nothing may be left without one.</summary>
[Authorize(Roles = "admin,super_admin")]
public sealed record DeleteCategoryCommand(Guid CategoryId) : ICommand<Unit>;

public sealed class DeleteCategoryCommandHandler(ICategoryRepository categories) : IRequestHandler<DeleteCategoryCommand, Unit>
{
    public async Task<Unit> Handle(DeleteCategoryCommand request, CancellationToken cancellationToken)
    {
        var category = await categories.LoadAsync(request.CategoryId, cancellationToken);
        var usage = await categories.UsageAsync(category.Id, cancellationToken);
        if (usage.InUse)
        {
            throw new ConflictException($"The category still has {usage.Children} sub-categories, {usage.Listings} listings and {usage.Products} catalog products: move or delete them first.");
        }

        categories.Remove(category);
        return Unit.Value;
    }
}
