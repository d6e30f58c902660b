using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Domain.Auditing;
using Veza.Domain.Ports;
using Veza.Domain.Sessions;

namespace Veza.Application.Auth.Commands.Logout;

public sealed class LogoutCommandHandler(ISessionRepository sessions, ITokenService tokens, IAuditTrail audit, IClock clock)
    : IRequestHandler<LogoutCommand, Unit>
{
    public async Task<Unit> Handle(LogoutCommand request, CancellationToken cancellationToken)
    {
        var session = await sessions.FindByRefreshTokenHashAsync(tokens.HashOpaqueToken(request.RefreshToken), cancellationToken)
            ?? throw new InvalidRefreshTokenException();

        var now = clock.UtcNow;
        // Logging out twice is not an error: the session is gone either way.
        if (session.Revoke(now, SessionRevocationReason.Logout))
        {
            audit.Record(AuditActions.Logout, AuditOutcomes.Success, session.UserId);
        }

        return Unit.Value;
    }
}
