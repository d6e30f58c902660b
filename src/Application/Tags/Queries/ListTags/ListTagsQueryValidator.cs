using FluentValidation;
using Veza.Domain.Tracks;

namespace Veza.Application.Tags.Queries.ListTags;

public sealed class ListTagsQueryValidator : AbstractValidator<ListTagsQuery>
{
    public ListTagsQueryValidator()
    {
        RuleFor(q => q.Sort).Must(s => s is null or "usage" or "name").WithMessage("sort is usage or name.");
        RuleFor(q => q.Q).MaximumLength(TrackRules.TagMaxLength).WithMessage($"q is at most {TrackRules.TagMaxLength} characters.");
    }
}
