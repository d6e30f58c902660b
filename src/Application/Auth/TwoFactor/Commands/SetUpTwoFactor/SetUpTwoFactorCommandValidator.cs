using FluentValidation;
using Veza.Application.Users;

namespace Veza.Application.Auth.TwoFactor.Commands.SetUpTwoFactor;

public sealed class SetUpTwoFactorCommandValidator : AbstractValidator<SetUpTwoFactorCommand>
{
    public SetUpTwoFactorCommandValidator() => RuleFor(x => x.Password).SubmittedPassword();
}
