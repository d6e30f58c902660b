using FluentValidation;
using Veza.Domain.Tracks;

namespace Veza.Application.Tags.Queries.SearchTags;

public sealed class SearchTagsQueryValidator : AbstractValidator<SearchTagsQuery>
{
    public SearchTagsQueryValidator()
    {
        RuleFor(q => q.Q).Must(q => !string.IsNullOrWhiteSpace(q)).WithMessage("q is required.")
            .MaximumLength(TrackRules.TagMaxLength).WithMessage($"q is at most {TrackRules.TagMaxLength} characters.");
        RuleFor(q => q.Limit).InclusiveBetween(1, SearchTagsQuery.MaxLimit).WithMessage($"limit is 1 to {SearchTagsQuery.MaxLimit}.");
    }
}
