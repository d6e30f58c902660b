using MediatR;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;

namespace Veza.Application.Users.Commands.DeleteAccount;

/// <summary>
/// Deletes the caller's account, confirmed by the password: every session revoked, the profile
/// anonymised (<see cref="Domain.Users.User.Delete"/>), follows and blocks removed.
/// </summary>
[Authorize]
public sealed record DeleteAccountCommand(string Password) : ICommand<Unit>;
