using FluentValidation;

namespace Veza.Application.Auth.TwoFactor.Commands.VerifyTwoFactor;

public sealed class VerifyTwoFactorCommandValidator : AbstractValidator<VerifyTwoFactorCommand>
{
    /// <summary>Account tokens are 43 base64url characters; anything much longer is not one.</summary>
    private const int MaxTokenLength = 128;

    public VerifyTwoFactorCommandValidator()
    {
        RuleFor(x => x.MfaToken).NotEmpty().WithMessage("mfa_token is required.").MaximumLength(MaxTokenLength);
        this.AddSecondFactorProofRules();
    }
}
