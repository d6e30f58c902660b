using Veza.Domain.Common;

namespace Veza.Domain.Sessions;

/// <summary>
/// A signed-in session: one family of refresh tokens, rotated on every use. Its id is the <c>sid</c>
/// claim of every access token issued for it, so revoking the session refuses those tokens too.
/// </summary>
public sealed class Session : Entity
{
    private readonly List<RefreshToken> _tokens = [];

    private Session()
    {
    }

    public Guid UserId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset AbsoluteExpiresAt { get; private set; }
    public DateTimeOffset LastRefreshedAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }
    public string? RevokedReason { get; private set; }
    public string? IpAddress { get; private set; }
    public string? UserAgent { get; private set; }

    public IReadOnlyCollection<RefreshToken> Tokens => _tokens;

    public bool IsRevoked => RevokedAt is not null;

    public static Session Start(Guid userId, string refreshTokenHash, DateTimeOffset now, SessionLifetime lifetime, string? ipAddress, string? userAgent)
    {
        var session = new Session
        {
            Id = Guid.CreateVersion7(now),
            UserId = userId,
            CreatedAt = now,
            LastRefreshedAt = now,
            AbsoluteExpiresAt = now + lifetime.Absolute,
            IpAddress = ipAddress,
            UserAgent = ClientText.LimitUserAgent(userAgent),
        };
        session.Issue(refreshTokenHash, now, lifetime);
        return session;
    }

    public RefreshOutcome Rotate(string presentedTokenHash, string newTokenHash, DateTimeOffset now, SessionLifetime lifetime)
    {
        var presented = _tokens.SingleOrDefault(t => t.TokenHash == presentedTokenHash)
            ?? throw new InvalidOperationException("The presented token does not belong to this session.");

        if (IsRevoked)
        {
            return RefreshOutcome.Revoked;
        }

        if (presented.IsSpent)
        {
            Revoke(now, SessionRevocationReason.RefreshTokenReuse);
            return RefreshOutcome.ReuseDetected;
        }

        if (presented.ExpiresAt <= now || AbsoluteExpiresAt <= now)
        {
            return RefreshOutcome.Expired;
        }

        presented.Spend(now);
        Issue(newTokenHash, now, lifetime);
        LastRefreshedAt = now;
        return RefreshOutcome.Rotated;
    }

    /// <returns>true when this call revoked the session, false when it already was.</returns>
    public bool Revoke(DateTimeOffset now, string reason)
    {
        if (IsRevoked)
        {
            return false;
        }

        RevokedAt = now;
        RevokedReason = reason;
        Raise(new SessionRevoked(Id, UserId, reason, now));
        return true;
    }

    private void Issue(string tokenHash, DateTimeOffset now, SessionLifetime lifetime)
    {
        var slidingEnd = now + lifetime.Sliding;
        _tokens.Add(new RefreshToken(Id, tokenHash, now, slidingEnd < AbsoluteExpiresAt ? slidingEnd : AbsoluteExpiresAt));
    }
}
