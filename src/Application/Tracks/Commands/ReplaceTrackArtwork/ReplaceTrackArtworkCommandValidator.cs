using FluentValidation;

namespace Veza.Application.Tracks.Commands.ReplaceTrackArtwork;

public sealed class ReplaceTrackArtworkCommandValidator : AbstractValidator<ReplaceTrackArtworkCommand>
{
    public ReplaceTrackArtworkCommandValidator()
    {
        RuleFor(x => x.Length).GreaterThan(0).OverridePropertyName("file").WithMessage("The file is empty.");
        RuleFor(x => x.Content).Must(s => s is { CanRead: true, CanSeek: true })
            .OverridePropertyName("file").WithMessage("The file could not be read.");
    }
}
