using FluentValidation;
using Veza.Domain.Common;
using Veza.Domain.Tracks;

namespace Veza.Application.Tracks.Commands.EditTrack;

/// <summary>The limits of <see cref="TrackRules"/>, per field (400), before the entity applies them again.</summary>
public sealed class EditTrackCommandValidator : AbstractValidator<EditTrackCommand>
{
    public EditTrackCommandValidator()
    {
        RuleFor(c => c.Title).Must(t => t is null || t.Trim().Length is > 0 and <= TrackRules.TitleMaxLength)
            .WithMessage($"A title is 1 to {TrackRules.TitleMaxLength} characters.");
        RuleFor(c => c.Description).Must(t => t is null || t.Trim().Length <= TrackRules.DescriptionMaxLength)
            .WithMessage($"A description is at most {TrackRules.DescriptionMaxLength} characters.");
        RuleFor(c => c.Genre).Must(t => t is null || t.Trim().Length <= TrackRules.GenreMaxLength)
            .WithMessage($"A genre is at most {TrackRules.GenreMaxLength} characters.");
        RuleFor(c => c.Visibility).Must(v => v is null || TrackNames.TryParseVisibility(v, out _))
            .WithMessage("visibility is public, unlisted or private.");
        RuleFor(c => c.Tags).Custom((tags, context) =>
        {
            if (tags is null)
            {
                return;
            }

            try
            {
                TrackRules.NormalizeTags(tags);
            }
            catch (DomainException ex)
            {
                context.AddFailure(ex.Message);
            }
        });
    }
}
