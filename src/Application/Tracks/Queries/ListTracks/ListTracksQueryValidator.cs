using FluentValidation;
using Veza.Application.Users;
using Veza.Domain.Tracks;

namespace Veza.Application.Tracks.Queries.ListTracks;

public sealed class ListTracksQueryValidator : AbstractValidator<ListTracksQuery>
{
    public ListTracksQueryValidator()
    {
        RuleFor(q => q.Sort).Must(s => TrackListing.TryParseSort(s, out _))
            .WithMessage($"sort is one of {string.Join(", ", TrackListing.SortNames)}.");
        RuleFor(q => q.UserId).Must(id => id is null || id == ListTracksQuery.Me || Guid.TryParse(id, out _))
            .OverridePropertyName("user_id").WithMessage("user_id is a user id or \"me\".");
        RuleFor(q => q.Q).MaximumLength(SearchText.MaxLength).WithMessage($"q is at most {SearchText.MaxLength} characters.");
        RuleFor(q => q.Tag).MaximumLength(TrackRules.TagMaxLength).WithMessage($"tag is at most {TrackRules.TagMaxLength} characters.");
        RuleFor(q => q.Genre).MaximumLength(TrackRules.GenreMaxLength).WithMessage($"genre is at most {TrackRules.GenreMaxLength} characters.");
    }
}
