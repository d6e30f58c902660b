using MediatR;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;

namespace Veza.Application.Users.Commands.ChangePassword;

/// <summary>Changes the caller's password and signs out every other session of theirs.</summary>
[Authorize]
public sealed record ChangePasswordCommand(string CurrentPassword, string NewPassword) : ICommand<Unit>;
