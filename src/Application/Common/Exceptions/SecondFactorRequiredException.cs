namespace Veza.Application.Common.Exceptions;

/// <summary>403 MFA_REQUIRED: admins must turn on two-factor authentication before using admin powers (runtime setting require_mfa_for_admins).</summary>
public sealed class SecondFactorRequiredException()
    : Exception("Two-factor authentication is required for admins. Turn it on at POST /api/v1/auth/2fa/setup, then try again.")
{
    public const string Code = "MFA_REQUIRED";
}
