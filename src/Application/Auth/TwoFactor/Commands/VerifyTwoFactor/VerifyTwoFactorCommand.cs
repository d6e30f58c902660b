using Veza.Application.Auth.SignIn;
using Veza.Application.Common.Messaging;

namespace Veza.Application.Auth.TwoFactor.Commands.VerifyTwoFactor;

/// <summary>The second step of a sign-in: the mfa_token the first step returned, and a code or a recovery code.</summary>
public sealed record VerifyTwoFactorCommand(string MfaToken, string? Code = null, string? RecoveryCode = null) : ICommand<SignInResultDto>, ISecondFactorProof;
