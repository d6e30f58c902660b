using FluentValidation;
using MediatR;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;
using Veza.Domain.Ports;

namespace Veza.Application.Tags.Queries.GetTrendingTags;

/// <summary>Tags growing fastest: items given them in the last <see cref="Days"/> against the same span before.</summary>
[Authorize]
public sealed record GetTrendingTagsQuery(int Days = 7, int Limit = GetTrendingTagsQuery.DefaultLimit) : IQuery<IReadOnlyList<TrendingTagDto>>
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;
    public const int MaxDays = 90;
}

public sealed class GetTrendingTagsQueryValidator : AbstractValidator<GetTrendingTagsQuery>
{
    public GetTrendingTagsQueryValidator()
    {
        RuleFor(q => q.Days).InclusiveBetween(1, GetTrendingTagsQuery.MaxDays).WithMessage($"days is 1 to {GetTrendingTagsQuery.MaxDays}.");
        RuleFor(q => q.Limit).InclusiveBetween(1, GetTrendingTagsQuery.MaxLimit).WithMessage($"limit is 1 to {GetTrendingTagsQuery.MaxLimit}.");
    }
}

public sealed class GetTrendingTagsQueryHandler(ITagDirectory tags, IClock clock) : IRequestHandler<GetTrendingTagsQuery, IReadOnlyList<TrendingTagDto>>
{
    public Task<IReadOnlyList<TrendingTagDto>> Handle(GetTrendingTagsQuery request, CancellationToken cancellationToken) =>
        tags.TrendingAsync(request.Days, clock.UtcNow, request.Limit, cancellationToken);
}
