using FluentValidation;
using MediatR;
using Veza.Application.Common.Messaging;
using Veza.Application.Marketplace;
using Veza.Domain.Common;
using Veza.Domain.Ports;

namespace Veza.Application.Search.Queries.Search;

/// <summary>
/// Searches every kind asked (all by default) for what the caller may see, best first within each kind, and
/// records the query for analytics (without the caller).
/// </summary>
public sealed record SearchQuery(string? Q, string? Type = null, int Limit = SearchQuery.DefaultLimit) : IQuery<SearchResultsDto>
{
    public const int DefaultLimit = 5;
    public const int MaxLimit = 20;

    public IReadOnlyList<SearchKind> Kinds => Type is null
        ? Enum.GetValues<SearchKind>()
        : [.. Type.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(WireNames.Parse<SearchKind>).Distinct()];
}

public sealed class SearchQueryValidator : AbstractValidator<SearchQuery>
{
    public SearchQueryValidator()
    {
        RuleFor(q => q.Q).Must(q => q is not null && q.Trim().Length is >= 1 and <= SearchTerms.MaxLength && SearchTerms.Parse(q).Words.Count > 0)
            .WithMessage($"q is 1 to {SearchTerms.MaxLength} characters with at least one letter or digit.");
        RuleFor(q => q.Type).Must(t => t is null || t.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) is { Length: > 0 } names
                && names.All(n => WireNames.TryParse<SearchKind>(n, out _)))
            .WithMessage($"type is a comma list of: {string.Join(", ", WireNames.All<SearchKind>())}.");
        RuleFor(q => q.Limit).InclusiveBetween(1, SearchQuery.MaxLimit).WithMessage($"limit is 1 to {SearchQuery.MaxLimit} per type.");
    }
}

public sealed class SearchQueryHandler(ISearchIndex index, IClock clock, ICurrentUser caller) : IRequestHandler<SearchQuery, SearchResultsDto>
{
    public async Task<SearchResultsDto> Handle(SearchQuery request, CancellationToken cancellationToken)
    {
        var terms = SearchTerms.Parse(request.Q!);
        var kinds = request.Kinds;
        var hits = await index.SearchAsync(terms, kinds, request.Limit, caller.UserId, cancellationToken);
        await index.RecordAsync(terms.Text, kinds, hits.Values.Sum(h => h.Count), clock.UtcNow, cancellationToken);
        return new SearchResultsDto(terms.Text, kinds.ToDictionary(k => k.ToWireName(), k => hits.GetValueOrDefault(k) ?? []));
    }
}
