using FluentValidation;

namespace Veza.Application.Tracks.Queries.ListUserTracks;

public sealed class ListUserTracksQueryValidator : AbstractValidator<ListUserTracksQuery>
{
    public ListUserTracksQueryValidator()
    {
        RuleFor(q => q.Sort).Must(s => TrackListing.TryParseSort(s, out _))
            .WithMessage($"sort is one of {string.Join(", ", TrackListing.SortNames)}.");
    }
}
