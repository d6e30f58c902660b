using FluentValidation;
using Veza.Domain.Playlists;

namespace Veza.Application.Playlists.Commands.AddPlaylistTrack;

public sealed class AddPlaylistTrackCommandValidator : AbstractValidator<AddPlaylistTrackCommand>
{
    public AddPlaylistTrackCommandValidator()
    {
        RuleFor(c => c.TrackId).NotEmpty().WithMessage("track_id is required.");
        RuleFor(c => c.Position).InclusiveBetween(0, PlaylistRules.MaxTracks - 1).When(c => c.Position is not null)
            .WithMessage($"position is 0 to {PlaylistRules.MaxTracks - 1}.");
    }
}
