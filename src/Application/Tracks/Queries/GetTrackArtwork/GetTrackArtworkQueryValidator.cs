using FluentValidation;
using Veza.Domain.Tracks;

namespace Veza.Application.Tracks.Queries.GetTrackArtwork;

public sealed class GetTrackArtworkQueryValidator : AbstractValidator<GetTrackArtworkQuery>
{
    public GetTrackArtworkQueryValidator()
    {
        RuleFor(x => x.Size).Must(TrackUrls.IsArtworkSize)
            .WithMessage($"The size must be {string.Join(" or ", TrackFiles.ArtworkSizes)}.");
    }
}
