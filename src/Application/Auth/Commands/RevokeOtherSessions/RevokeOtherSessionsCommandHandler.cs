using MediatR;
using Veza.Domain.Auditing;
using Veza.Domain.Ports;
using Veza.Domain.Sessions;

namespace Veza.Application.Auth.Commands.RevokeOtherSessions;

public sealed class RevokeOtherSessionsCommandHandler(SessionTerminator terminator, ICurrentUser caller, IAuditTrail audit)
    : IRequestHandler<RevokeOtherSessionsCommand, SessionsRevokedDto>
{
    public async Task<SessionsRevokedDto> Handle(RevokeOtherSessionsCommand request, CancellationToken cancellationToken)
    {
        var userId = caller.UserId!.Value;
        var revoked = await terminator.RevokeAllAsync(userId, SessionRevocationReason.RevokedByUser, cancellationToken, exceptSessionId: caller.SessionId);
        audit.Record(AuditActions.SessionRevoke, AuditOutcomes.Success, userId, $"all other sessions ({revoked})");
        return new SessionsRevokedDto(revoked);
    }
}
