using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Domain.Auditing;
using Veza.Domain.Ports;
using Veza.Domain.Sessions;
using Veza.Domain.Users;

namespace Veza.Application.Auth.Commands.RefreshSession;

public sealed class RefreshSessionCommandHandler(
    ISessionRepository sessions, IUserRepository users, ITokenService tokens, IAuditTrail audit, IClock clock,
    SessionLifetime lifetime, SessionIssuer issuer)
    : IRequestHandler<RefreshSessionCommand, AuthResultDto>
{
    public async Task<AuthResultDto> Handle(RefreshSessionCommand request, CancellationToken cancellationToken)
    {
        var presentedHash = tokens.HashOpaqueToken(request.RefreshToken);
        var session = await sessions.FindByRefreshTokenHashAsync(presentedHash, cancellationToken)
            ?? throw new InvalidRefreshTokenException();
        var user = await users.GetByIdAsync(session.UserId, cancellationToken)
            ?? throw new InvalidRefreshTokenException();

        var now = clock.UtcNow;
        if (!user.IsActiveAt(now))
        {
            throw new InvalidRefreshTokenException("This account may not sign in.");
        }

        var newRefreshToken = tokens.CreateOpaqueToken();
        switch (session.Rotate(presentedHash, tokens.HashOpaqueToken(newRefreshToken), now, lifetime))
        {
            case RefreshOutcome.Rotated:
                return issuer.Issue(user, session, newRefreshToken, now);
            case RefreshOutcome.ReuseDetected:
                audit.Record(AuditActions.RefreshTokenReuse, AuditOutcomes.Failure, user.Id, $"session {session.Id} revoked");
                throw new InvalidRefreshTokenException("This refresh token was already used; the session has been revoked. Sign in again.");
            default:
                throw new InvalidRefreshTokenException();
        }
    }
}
