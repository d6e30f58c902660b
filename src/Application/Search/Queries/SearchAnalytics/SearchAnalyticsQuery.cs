using FluentValidation;
using MediatR;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;
using Veza.Domain.Ports;

namespace Veza.Application.Search.Queries.SearchAnalytics;

/// <summary>What people searched over the last days (admins): the most frequent queries and the most frequent ones that found nothing.</summary>
[Authorize(Roles = "admin,super_admin")]
public sealed record SearchAnalyticsQuery(int Days = 7, int Limit = 20) : IQuery<SearchAnalyticsDto>;

public sealed class SearchAnalyticsQueryValidator : AbstractValidator<SearchAnalyticsQuery>
{
    public SearchAnalyticsQueryValidator()
    {
        RuleFor(q => q.Days).InclusiveBetween(1, 365).WithMessage("days is 1 to 365.");
        RuleFor(q => q.Limit).InclusiveBetween(1, 100).WithMessage("limit is 1 to 100.");
    }
}

public sealed class SearchAnalyticsQueryHandler(ISearchIndex index, IClock clock) : IRequestHandler<SearchAnalyticsQuery, SearchAnalyticsDto>
{
    public Task<SearchAnalyticsDto> Handle(SearchAnalyticsQuery request, CancellationToken cancellationToken) =>
        index.AnalyticsAsync(request.Days, clock.UtcNow, request.Limit, cancellationToken);
}
