using FluentValidation;
using MediatR;
using Veza.Application.Common.Messaging;
using Veza.Domain.Ports;

namespace Veza.Application.Search.Queries.Autocomplete;

/// <summary>Prefix suggestions for what is being typed (usernames, track titles, product names, tags), accent- and case-insensitive.</summary>
public sealed record AutocompleteQuery(string? Q, int Limit = AutocompleteQuery.DefaultLimit) : IQuery<IReadOnlyList<SearchSuggestionDto>>
{
    public const int DefaultLimit = 8;
    public const int MaxLimit = 20;
}

public sealed class AutocompleteQueryValidator : AbstractValidator<AutocompleteQuery>
{
    public AutocompleteQueryValidator()
    {
        RuleFor(q => q.Q).Must(q => q is not null && q.Trim().Length is >= 1 and <= 50).WithMessage("q is 1 to 50 characters.");
        RuleFor(q => q.Limit).InclusiveBetween(1, AutocompleteQuery.MaxLimit).WithMessage($"limit is 1 to {AutocompleteQuery.MaxLimit}.");
    }
}

public sealed class AutocompleteQueryHandler(ISearchIndex index, ICurrentUser caller) : IRequestHandler<AutocompleteQuery, IReadOnlyList<SearchSuggestionDto>>
{
    public Task<IReadOnlyList<SearchSuggestionDto>> Handle(AutocompleteQuery request, CancellationToken cancellationToken) =>
        index.AutocompleteAsync(SearchTerms.Parse(request.Q!).Text, request.Limit, caller.UserId, cancellationToken);
}
