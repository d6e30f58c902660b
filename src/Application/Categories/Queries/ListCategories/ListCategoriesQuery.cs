using MediatR;
using Veza.Application.Common.Messaging;

namespace Veza.Application.Categories.Queries.ListCategories;

/// <summary>The whole category tree, public: roots by name, each with its sub-categories and listing counts.</summary>
public sealed record ListCategoriesQuery : IQuery<IReadOnlyList<CategoryNodeDto>>;

public sealed class ListCategoriesQueryHandler(ICategoryReadModel readModel) : IRequestHandler<ListCategoriesQuery, IReadOnlyList<CategoryNodeDto>>
{
    public async Task<IReadOnlyList<CategoryNodeDto>> Handle(ListCategoriesQuery request, CancellationToken cancellationToken) =>
        (await readModel.TreeAsync(cancellationToken)).Roots;
}
