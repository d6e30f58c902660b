using FluentValidation;
using Veza.Domain.Mfa;

namespace Veza.Application.Auth.TwoFactor;

/// <summary>
/// A request that proves the second factor: a 6-digit code from the authenticator, or one of the
/// recovery codes (exactly one of the two).
/// </summary>
public interface ISecondFactorProof
{
    string? Code { get; }
    string? RecoveryCode { get; }
}

public static class SecondFactorProofRules
{
    public const string CodeField = "code";
    public const string RecoveryCodeField = "recovery_code";

    /// <summary>Exactly one of code (six digits) and recovery_code.</summary>
    public static void AddSecondFactorProofRules<T>(this AbstractValidator<T> validator)
        where T : ISecondFactorProof
    {
        validator.RuleFor(x => x.Code)
            .Must((request, code) => string.IsNullOrEmpty(code) != string.IsNullOrEmpty(request.RecoveryCode))
            .WithMessage("Send either code (from the authenticator app) or recovery_code, not both.");
        validator.RuleFor(x => x.Code)
            .Must(Totp.IsWellFormed).When(x => !string.IsNullOrEmpty(x.Code))
            .WithMessage($"The code is {Totp.Digits} digits.");
        validator.RuleFor(x => x.RecoveryCode)
            .MaximumLength(RecoveryCodes.MaxSubmittedLength).When(x => !string.IsNullOrEmpty(x.RecoveryCode));
    }

    public static bool UsesRecoveryCode(this ISecondFactorProof proof) => !string.IsNullOrEmpty(proof.RecoveryCode);
}
