using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;

namespace Veza.Application.Auth.Commands.RevokeSession;

/// <summary>Signs one of the caller's sessions out (the current one included: that is a logout).</summary>
[Authorize]
public sealed record RevokeSessionCommand(Guid SessionId) : ICommand<SessionsRevokedDto>;
