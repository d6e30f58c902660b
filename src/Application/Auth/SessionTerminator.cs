using Veza.Domain.Ports;
using Veza.Domain.Sessions;

namespace Veza.Application.Auth;

/// <summary>
/// Ends a user's sessions (password change or reset, moderation, account deletion, "sign out everywhere
/// else"): each revocation raises <see cref="SessionRevoked"/>, which reaches the revocation store every
/// node consults, so the access tokens of those sessions stop working at once.
/// </summary>
public sealed class SessionTerminator(ISessionRepository sessions, IClock clock)
{
    /// <returns>How many sessions this call revoked.</returns>
    public async Task<int> RevokeAllAsync(Guid userId, string reason, CancellationToken cancellationToken, Guid? exceptSessionId = null)
    {
        var now = clock.UtcNow;
        var revoked = 0;
        foreach (var session in await sessions.ListActiveForUserAsync(userId, cancellationToken))
        {
            if (session.Id != exceptSessionId && session.Revoke(now, reason))
            {
                revoked++;
            }
        }

        return revoked;
    }
}
