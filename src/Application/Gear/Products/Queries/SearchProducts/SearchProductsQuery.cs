using FluentValidation;
using MediatR;
using Veza.Application.Common.Messaging;

namespace Veza.Application.Gear.Products.Queries.SearchProducts;

/// <summary>Typo-tolerant catalog search over name, brand and model, best first; public.</summary>
public sealed record SearchProductsQuery(string Q, int Limit = SearchProductsQuery.DefaultLimit) : IQuery<IReadOnlyList<ProductSearchHitDto>>
{
    public const int DefaultLimit = 10;
    public const int MaxLimit = 50;
}

public sealed class SearchProductsQueryValidator : AbstractValidator<SearchProductsQuery>
{
    public SearchProductsQueryValidator()
    {
        RuleFor(q => q.Q).Must(q => q is not null && q.Trim().Length is >= 2 and <= 100).WithMessage("q is 2 to 100 characters.");
        RuleFor(q => q.Limit).InclusiveBetween(1, SearchProductsQuery.MaxLimit).WithMessage($"limit is 1 to {SearchProductsQuery.MaxLimit}.");
    }
}

public sealed class SearchProductsQueryHandler(IGearReadModel readModel) : IRequestHandler<SearchProductsQuery, IReadOnlyList<ProductSearchHitDto>>
{
    public Task<IReadOnlyList<ProductSearchHitDto>> Handle(SearchProductsQuery request, CancellationToken cancellationToken) =>
        readModel.SearchProductsAsync(request.Q.Trim().ToLowerInvariant(), request.Limit, cancellationToken);
}
