using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;

namespace Veza.Application.Auth.TwoFactor.Commands.DisableTwoFactor;

/// <summary>Turns the caller's second factor off: their password and a code (or a recovery code, for a lost authenticator).</summary>
[Authorize]
public sealed record DisableTwoFactorCommand(string Password, string? Code = null, string? RecoveryCode = null) : ICommand<TwoFactorStatusDto>, ISecondFactorProof;
