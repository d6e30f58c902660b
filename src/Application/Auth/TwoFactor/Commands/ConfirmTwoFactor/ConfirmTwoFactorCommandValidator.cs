using FluentValidation;
using Veza.Domain.Mfa;

namespace Veza.Application.Auth.TwoFactor.Commands.ConfirmTwoFactor;

public sealed class ConfirmTwoFactorCommandValidator : AbstractValidator<ConfirmTwoFactorCommand>
{
    public ConfirmTwoFactorCommandValidator() =>
        RuleFor(x => x.Code).NotEmpty().WithMessage("Code is required.").Must(Totp.IsWellFormed).WithMessage($"The code is {Totp.Digits} digits.");
}
