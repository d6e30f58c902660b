using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Domain.Auditing;
using Veza.Domain.Ports;
using Veza.Domain.Sessions;

namespace Veza.Application.Auth.Commands.RevokeSession;

public sealed class RevokeSessionCommandHandler(ISessionRepository sessions, ICurrentUser caller, IClock clock, IAuditTrail audit)
    : IRequestHandler<RevokeSessionCommand, SessionsRevokedDto>
{
    public async Task<SessionsRevokedDto> Handle(RevokeSessionCommand request, CancellationToken cancellationToken)
    {
        var userId = caller.UserId!.Value;
        var session = await sessions.FindByIdAsync(request.SessionId, cancellationToken);
        // Someone else's session is as unknown as a made-up id: its existence is not the caller's business.
        if (session is null || session.UserId != userId)
        {
            throw new NotFoundException("No such session.");
        }

        var revoked = session.Revoke(clock.UtcNow, SessionRevocationReason.RevokedByUser);
        if (revoked)
        {
            audit.Record(AuditActions.SessionRevoke, AuditOutcomes.Success, userId, session.Id == caller.SessionId ? "current session" : "one session", AuditTargets.Session(session.Id));
        }

        return new SessionsRevokedDto(revoked ? 1 : 0);
    }
}
