using FluentValidation;
using Veza.Domain.Users;

namespace Veza.Application.Users.Commands.UpdateProfile;

/// <summary>The limits of <see cref="ProfileRules"/>, per field, before the entity checks them again.</summary>
public sealed class UpdateProfileCommandValidator : AbstractValidator<UpdateProfileCommand>
{
    public UpdateProfileCommandValidator()
    {
        RuleFor(c => c.FirstName).Must(t => Fits(t, ProfileRules.NameMaxLength)).WithMessage(Message("First name", ProfileRules.NameMaxLength));
        RuleFor(c => c.LastName).Must(t => Fits(t, ProfileRules.NameMaxLength)).WithMessage(Message("Last name", ProfileRules.NameMaxLength));
        RuleFor(c => c.DisplayName).Must(t => Fits(t, ProfileRules.DisplayNameMaxLength)).WithMessage(Message("Display name", ProfileRules.DisplayNameMaxLength));
        RuleFor(c => c.Bio).Must(t => Fits(t, ProfileRules.BioMaxLength)).WithMessage(Message("Bio", ProfileRules.BioMaxLength));
        RuleFor(c => c.Location).Must(t => Fits(t, ProfileRules.LocationMaxLength)).WithMessage(Message("Location", ProfileRules.LocationMaxLength));
        RuleFor(c => c.Links).Must(l => l is null || l.Count <= ProfileRules.MaxLinks).WithMessage($"At most {ProfileRules.MaxLinks} links.");
        RuleForEach(c => c.Links).Must(ProfileRules.IsValidLink)
            .WithMessage($"Each link must be an absolute http or https URL of at most {ProfileRules.LinkMaxLength} characters.");
    }

    private static bool Fits(string? text, int maxLength) => ProfileRules.Check(text, maxLength, string.Empty) is null;

    private static string Message(string field, int maxLength) => $"{field} must be at most {maxLength} characters.";
}
