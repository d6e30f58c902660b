using FluentValidation;

namespace Veza.Application.Playlists.Commands.CreatePlaylist;

public sealed class CreatePlaylistCommandValidator : AbstractValidator<CreatePlaylistCommand>
{
    public CreatePlaylistCommandValidator()
    {
        RuleFor(c => c.Title).NotNull().WithMessage("title is required.").PlaylistTitle();
        RuleFor(c => c.Description).PlaylistDescription();
        RuleFor(c => c.Visibility).PlaylistVisibility();
    }
}
