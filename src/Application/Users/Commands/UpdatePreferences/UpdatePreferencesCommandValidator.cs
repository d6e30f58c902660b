using FluentValidation;
using FluentValidation.Results;
using Veza.Domain.Users;

namespace Veza.Application.Users.Commands.UpdatePreferences;

public sealed class UpdatePreferencesCommandValidator : AbstractValidator<UpdatePreferencesCommand>
{
    public UpdatePreferencesCommandValidator()
    {
        RuleFor(c => c.Notifications).Custom((notifications, context) =>
        {
            foreach (var kind in (notifications?.Keys ?? []).Where(k => !NotificationKinds.All.Contains(k)))
            {
                context.AddFailure(new ValidationFailure($"notifications.{kind}", $"Unknown notification kind. Known kinds: {string.Join(", ", NotificationKinds.All)}."));
            }

            foreach (var kind in (notifications ?? new Dictionary<string, NotificationChannelsPatch>()).Where(n => n.Value is null).Select(n => n.Key))
            {
                context.AddFailure(new ValidationFailure($"notifications.{kind}", "Must not be null: leave the kind out to keep it as it is."));
            }
        });
        RuleFor(c => c.Privacy!.Profile).IsInEnum().WithMessage("profile is public or private.").When(c => c.Privacy is not null);
        RuleFor(c => c.Privacy!.DirectMessages).IsInEnum().WithMessage("direct_messages is everyone, following or nobody.").When(c => c.Privacy is not null);
        RuleFor(c => c.Audio!.StreamQuality).IsInEnum().WithMessage("stream_quality is normal or high.").When(c => c.Audio is not null);
    }
}
