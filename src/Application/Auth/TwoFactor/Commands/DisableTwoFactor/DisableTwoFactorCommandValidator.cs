using FluentValidation;
using Veza.Application.Users;

namespace Veza.Application.Auth.TwoFactor.Commands.DisableTwoFactor;

public sealed class DisableTwoFactorCommandValidator : AbstractValidator<DisableTwoFactorCommand>
{
    public DisableTwoFactorCommandValidator()
    {
        RuleFor(x => x.Password).SubmittedPassword();
        this.AddSecondFactorProofRules();
    }
}
