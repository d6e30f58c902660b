using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;

namespace Veza.Application.Auth.Commands.RevokeOtherSessions;

/// <summary>Signs out everywhere except the session making the request.</summary>
[Authorize]
public sealed record RevokeOtherSessionsCommand : ICommand<SessionsRevokedDto>;
