using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;

namespace Veza.Application.Auth.TwoFactor.Commands.RegenerateRecoveryCodes;

/// <summary>
/// New recovery codes for the caller (every earlier one stops working), against a current code or a
/// recovery code: a stolen access token alone cannot mint second factors.
/// </summary>
[Authorize]
public sealed record RegenerateRecoveryCodesCommand(string? Code = null, string? RecoveryCode = null) : ICommand<RecoveryCodesDto>, ISecondFactorProof;
