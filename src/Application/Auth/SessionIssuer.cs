using Veza.Application.Users;
using Veza.Domain.Ports;
using Veza.Domain.Sessions;
using Veza.Domain.Users;

namespace Veza.Application.Auth;

/// <summary>Starts a session for a user and issues its first token pair (register and login share it).</summary>
public sealed class SessionIssuer(ISessionRepository sessions, ITokenService tokens, IClock clock, ICurrentUser caller, SessionLifetime lifetime)
{
    public AuthResultDto StartSession(User user)
    {
        var now = clock.UtcNow;
        var refreshToken = tokens.CreateOpaqueToken();
        var session = Session.Start(user.Id, tokens.HashOpaqueToken(refreshToken), now, lifetime, caller.IpAddress, caller.UserAgent);
        sessions.Add(session);
        return Issue(user, session, refreshToken, now);
    }

    public AuthResultDto Issue(User user, Session session, string refreshToken, DateTimeOffset now)
    {
        var access = tokens.CreateAccessToken(user, session.Id, now);
        var refreshExpiresAt = session.Tokens.Max(t => t.ExpiresAt);
        return new AuthResultDto(UserDto.From(user), access.Token, refreshToken, "Bearer", (int)(access.ExpiresAt - now).TotalSeconds, refreshExpiresAt);
    }
}
