using Veza.Application.Auth;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;

namespace Veza.Application.Users.Commands.ChangeEmail;

/// <summary>
/// Asks to move the caller's account to <paramref name="NewEmail"/>: a confirmation link goes there and a
/// notice to the current address. Nothing changes until the link is used.
/// </summary>
[Authorize]
public sealed record ChangeEmailCommand(string NewEmail, string Password) : ICommand<EmailRequestAcceptedDto>;
