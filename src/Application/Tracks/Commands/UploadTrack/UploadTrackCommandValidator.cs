using FluentValidation;
using Veza.Domain.Common;
using Veza.Domain.Tracks;

namespace Veza.Application.Tracks.Commands.UploadTrack;

/// <summary>The fields, checked before a byte of the file is read: a bad title costs the client nothing but this answer.</summary>
public sealed class UploadTrackCommandValidator : AbstractValidator<UploadTrackCommand>
{
    public UploadTrackCommandValidator()
    {
        RuleFor(c => c.Content).Must(s => s is { CanRead: true }).OverridePropertyName("file").WithMessage("The file could not be read.");
        RuleFor(c => c.Title).Must(t => t is null || t.Trim().Length <= TrackRules.TitleMaxLength)
            .WithMessage($"A title is at most {TrackRules.TitleMaxLength} characters.");
        RuleFor(c => c.Description).Must(t => t is null || t.Trim().Length <= TrackRules.DescriptionMaxLength)
            .WithMessage($"A description is at most {TrackRules.DescriptionMaxLength} characters.");
        RuleFor(c => c.Genre).Must(t => t is null || t.Trim().Length <= TrackRules.GenreMaxLength)
            .WithMessage($"A genre is at most {TrackRules.GenreMaxLength} characters.");
        RuleFor(c => c.Tags).Custom((tags, context) =>
        {
            try
            {
                TrackRules.ParseTagList(tags);
            }
            catch (DomainException ex)
            {
                context.AddFailure(ex.Message);
            }
        });
        RuleFor(c => c.Visibility).Must(v => v is null || TrackNames.TryParseVisibility(v, out _))
            .WithMessage("Visibility is one of public, unlisted, private.");
        RuleFor(c => c.Artwork).Must(s => s is null || s is { CanRead: true, CanSeek: true })
            .WithMessage("The artwork could not be read.");
    }
}
