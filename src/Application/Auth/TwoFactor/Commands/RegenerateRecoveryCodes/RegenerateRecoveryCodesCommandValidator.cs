using FluentValidation;

namespace Veza.Application.Auth.TwoFactor.Commands.RegenerateRecoveryCodes;

public sealed class RegenerateRecoveryCodesCommandValidator : AbstractValidator<RegenerateRecoveryCodesCommand>
{
    public RegenerateRecoveryCodesCommandValidator() => this.AddSecondFactorProofRules();
}
