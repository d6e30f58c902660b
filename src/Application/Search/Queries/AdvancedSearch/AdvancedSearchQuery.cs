using FluentValidation;
using MediatR;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Models;
using Veza.Application.Tags;
using Veza.Domain.Common;
using Veza.Domain.Marketplace;
using Veza.Domain.Ports;
using Veza.Domain.Tracks;

namespace Veza.Application.Search.Queries.AdvancedSearch;

/// <summary>
/// One kind at a time with its own filters and sort, paged. Words are optional (filters alone browse); without
/// them the default sort is newest first rather than relevance. Not recorded in analytics: filters are browsing.
/// </summary>
public sealed record AdvancedSearchQuery(
    PageRequest Paging,
    string? Type,
    string? Q = null,
    string? Sort = null,
    Guid? UserId = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? Genre = null,
    string? Tags = null,
    string? TagsMode = null,
    int? MinDuration = null,
    int? MaxDuration = null,
    decimal? MinPrice = null,
    decimal? MaxPrice = null,
    Guid? Category = null,
    string? Condition = null,
    string? Kind = null,
    bool? HasTracks = null,
    string? Brand = null) : IQuery<PagedResult<SearchHitDto>>, IPagedQuery
{
    public const int MaxDurationSeconds = 24 * 3600;

    /// <summary>The filters (by their query-string names) and sorts each kind has; anything else asked is a 400.</summary>
    public static readonly IReadOnlyDictionary<SearchKind, (string[] Filters, AdvancedSearchSort[] Sorts)> KindOptions =
        new Dictionary<SearchKind, (string[], AdvancedSearchSort[])>
        {
            [SearchKind.Tracks] = (["user_id", "from", "to", "genre", "tags", "tags_mode", "min_duration", "max_duration"], CommonSorts),
            [SearchKind.Listings] = (["user_id", "from", "to", "tags", "tags_mode", "min_price", "max_price", "category", "condition", "kind"], [.. CommonSorts, AdvancedSearchSort.PriceAsc, AdvancedSearchSort.PriceDesc]),
            [SearchKind.Users] = (["from", "to", "has_tracks"], CommonSorts),
            [SearchKind.Products] = (["from", "to", "category", "brand", "min_price", "max_price"], [.. CommonSorts, AdvancedSearchSort.PriceAsc, AdvancedSearchSort.PriceDesc]),
            [SearchKind.Playlists] = (["user_id", "from", "to"], CommonSorts),
            [SearchKind.Rooms] = (["user_id", "from", "to"], CommonSorts),
            [SearchKind.Resources] = (["user_id", "from", "to", "tags", "tags_mode"], CommonSorts),
        };

    private static AdvancedSearchSort[] CommonSorts => [AdvancedSearchSort.Relevance, AdvancedSearchSort.New, AdvancedSearchSort.Popular, AdvancedSearchSort.Title];

    /// <summary>The filters given, by their query-string names.</summary>
    public IEnumerable<string> GivenFilters()
    {
        (string Name, bool Given)[] all =
        [
            ("user_id", UserId is not null), ("from", From is not null), ("to", To is not null), ("genre", Genre is not null),
            ("tags", Tags is not null), ("tags_mode", TagsMode is not null), ("min_duration", MinDuration is not null),
            ("max_duration", MaxDuration is not null), ("min_price", MinPrice is not null), ("max_price", MaxPrice is not null),
            ("category", Category is not null), ("condition", Condition is not null), ("kind", Kind is not null),
            ("has_tracks", HasTracks is not null), ("brand", Brand is not null),
        ];
        return all.Where(f => f.Given).Select(f => f.Name);
    }

    public bool HasWords => !string.IsNullOrWhiteSpace(Q);

    public AdvancedSearchSort SortOrDefault =>
        Sort is null ? (HasWords ? AdvancedSearchSort.Relevance : AdvancedSearchSort.New) : WireNames.Parse<AdvancedSearchSort>(Sort);
}

public sealed class AdvancedSearchQueryValidator : AbstractValidator<AdvancedSearchQuery>
{
    public AdvancedSearchQueryValidator()
    {
        RuleFor(q => q.Type).Must(t => WireNames.TryParse<SearchKind>(t, out _))
            .WithMessage($"type is one of: {string.Join(", ", WireNames.All<SearchKind>())}.");
        RuleFor(q => q.Q).Must(q => q!.Trim().Length <= SearchTerms.MaxLength && SearchTerms.Parse(q).Words.Count > 0)
            .When(q => q.HasWords).WithMessage($"q is at most {SearchTerms.MaxLength} characters with at least one letter or digit.");
        RuleFor(q => q.Sort).Must(s => WireNames.TryParse<AdvancedSearchSort>(s, out _))
            .When(q => q.Sort is not null).WithMessage($"sort is one of: {string.Join(", ", WireNames.All<AdvancedSearchSort>())}.");

        When(q => WireNames.TryParse<SearchKind>(q.Type, out _), () =>
        {
            RuleFor(q => q).Custom((q, context) =>
            {
                var options = AdvancedSearchQuery.KindOptions[WireNames.Parse<SearchKind>(q.Type!)];
                foreach (var filter in q.GivenFilters().Where(f => !options.Filters.Contains(f)))
                {
                    context.AddFailure(filter, $"{filter} is not a filter of type={q.Type}; its filters are {string.Join(", ", options.Filters)}.");
                }

                if (WireNames.TryParse<AdvancedSearchSort>(q.Sort, out var sort) && !options.Sorts.Contains(sort))
                {
                    context.AddFailure("sort", $"type={q.Type} sorts by {string.Join(", ", options.Sorts.Select(s => s.ToWireName()))}.");
                }
            });
        });

        RuleFor(q => q.Sort).Must(_ => false).When(q => !q.HasWords && q.Sort == "relevance")
            .WithMessage("sort=relevance needs q.");
        RuleFor(q => q.To).GreaterThanOrEqualTo(q => q.From).When(q => q.From is not null && q.To is not null).WithMessage("to is not before from.");
        RuleFor(q => q.MinDuration).InclusiveBetween(0, AdvancedSearchQuery.MaxDurationSeconds).When(q => q.MinDuration is not null)
            .OverridePropertyName("min_duration").WithMessage($"min_duration is 0 to {AdvancedSearchQuery.MaxDurationSeconds} seconds.");
        RuleFor(q => q.MaxDuration).InclusiveBetween(0, AdvancedSearchQuery.MaxDurationSeconds).When(q => q.MaxDuration is not null)
            .OverridePropertyName("max_duration").WithMessage($"max_duration is 0 to {AdvancedSearchQuery.MaxDurationSeconds} seconds.");
        RuleFor(q => q.MaxDuration).GreaterThanOrEqualTo(q => q.MinDuration).When(q => q.MinDuration is not null && q.MaxDuration is not null)
            .OverridePropertyName("max_duration").WithMessage("max_duration is not below min_duration.");
        RuleFor(q => q.MinPrice).GreaterThanOrEqualTo(0).When(q => q.MinPrice is not null).OverridePropertyName("min_price").WithMessage("min_price is not negative.");
        RuleFor(q => q.MaxPrice).GreaterThanOrEqualTo(q => q.MinPrice ?? 0).When(q => q.MaxPrice is not null)
            .OverridePropertyName("max_price").WithMessage("max_price is not negative nor below min_price.");
        RuleFor(q => q.Genre).MaximumLength(TrackRules.GenreMaxLength).WithMessage($"genre is at most {TrackRules.GenreMaxLength} characters.");
        RuleFor(q => q.Brand).MaximumLength(100).WithMessage("brand is at most 100 characters.");
        RuleFor(q => q.Tags).Must(t => TagNames.TryNormalizeList(t, out var tags) && tags.Count > 0).When(q => q.Tags is not null)
            .WithMessage($"tags is a comma list of at most {TrackRules.MaxTags} tags (letters, digits, spaces, '-', '_', '&'; {TrackRules.TagMaxLength} characters each).");
        RuleFor(q => q.TagsMode).Must(m => m is "any" or "all").When(q => q.TagsMode is not null)
            .OverridePropertyName("tags_mode").WithMessage("tags_mode is any or all.");
        RuleFor(q => q.Condition).Must(c => WireNames.TryParse<ListingCondition>(c, out _)).When(q => q.Condition is not null)
            .WithMessage($"condition is one of: {string.Join(", ", WireNames.All<ListingCondition>())}.");
        RuleFor(q => q.Kind).Must(k => WireNames.TryParse<ListingKind>(k, out _)).When(q => q.Kind is not null)
            .WithMessage($"kind is one of: {string.Join(", ", WireNames.All<ListingKind>())}.");
    }
}

public sealed class AdvancedSearchQueryHandler(ISearchIndex index, ICurrentUser caller) : IRequestHandler<AdvancedSearchQuery, PagedResult<SearchHitDto>>
{
    public Task<PagedResult<SearchHitDto>> Handle(AdvancedSearchQuery q, CancellationToken cancellationToken)
    {
        TagNames.TryNormalizeList(q.Tags, out var tags);
        var search = new AdvancedSearchCriteria(
            WireNames.Parse<SearchKind>(q.Type!),
            q.HasWords ? SearchTerms.Parse(q.Q!) : null,
            q.SortOrDefault,
            q.UserId,
            q.From,
            q.To,
            q.Genre?.Trim(),
            tags.Count > 0 ? tags : null,
            q.TagsMode == "all",
            q.MinDuration,
            q.MaxDuration,
            q.MinPrice,
            q.MaxPrice,
            q.Category,
            q.Condition,
            q.Kind,
            q.HasTracks,
            q.Brand?.Trim());
        return index.AdvancedSearchAsync(search, q.Paging, caller.UserId, cancellationToken);
    }
}
