using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;

namespace Veza.Application.Auth.TwoFactor.Commands.ConfirmTwoFactor;

/// <summary>Turns the pending TOTP enrolment on with a first code, and returns the recovery codes (shown once).</summary>
[Authorize]
public sealed record ConfirmTwoFactorCommand(string Code) : ICommand<RecoveryCodesDto>;
