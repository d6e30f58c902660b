using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;

namespace Veza.Application.Auth.TwoFactor.Commands.SetUpTwoFactor;

/// <summary>Starts (or restarts, while unconfirmed) a TOTP enrolment for the caller, who confirms their password.</summary>
[Authorize]
public sealed record SetUpTwoFactorCommand(string Password) : ICommand<TwoFactorSetupDto>;
