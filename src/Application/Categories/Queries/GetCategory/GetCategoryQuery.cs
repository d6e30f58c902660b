using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Messaging;

namespace Veza.Application.Categories.Queries.GetCategory;

/// <summary>One category with its sub-tree and its path from the root; 404 when there is none.</summary>
public sealed record GetCategoryQuery(Guid CategoryId) : IQuery<CategoryDetailDto>;

public sealed class GetCategoryQueryHandler(ICategoryReadModel readModel) : IRequestHandler<GetCategoryQuery, CategoryDetailDto>
{
    public async Task<CategoryDetailDto> Handle(GetCategoryQuery request, CancellationToken cancellationToken) =>
        (await readModel.TreeAsync(cancellationToken)).Detail(request.CategoryId) ?? throw new NotFoundException("No category with this id.");
}
