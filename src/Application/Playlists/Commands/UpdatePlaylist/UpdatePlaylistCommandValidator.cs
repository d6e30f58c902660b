using FluentValidation;

namespace Veza.Application.Playlists.Commands.UpdatePlaylist;

public sealed class UpdatePlaylistCommandValidator : AbstractValidator<UpdatePlaylistCommand>
{
    public UpdatePlaylistCommandValidator()
    {
        RuleFor(c => c.Title).PlaylistTitle();
        RuleFor(c => c.Description).PlaylistDescription();
        RuleFor(c => c.Visibility).PlaylistVisibility();
    }
}
