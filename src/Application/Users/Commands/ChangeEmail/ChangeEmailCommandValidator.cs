using FluentValidation;

namespace Veza.Application.Users.Commands.ChangeEmail;

public sealed class ChangeEmailCommandValidator : AbstractValidator<ChangeEmailCommand>
{
    public ChangeEmailCommandValidator()
    {
        RuleFor(x => x.NewEmail).ValidEmail();
        RuleFor(x => x.Password).SubmittedPassword();
    }
}
