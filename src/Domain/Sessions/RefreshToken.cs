namespace Veza.Domain.Sessions;

/// <summary>One refresh token of a session. Only its SHA-256 hash is ever stored.</summary>
public sealed class RefreshToken
{
    private RefreshToken()
    {
        TokenHash = string.Empty;
    }

    internal RefreshToken(Guid sessionId, string tokenHash, DateTimeOffset issuedAt, DateTimeOffset expiresAt)
    {
        Id = Guid.CreateVersion7(issuedAt);
        SessionId = sessionId;
        TokenHash = tokenHash;
        IssuedAt = issuedAt;
        ExpiresAt = expiresAt;
    }

    public Guid Id { get; private set; }
    public Guid SessionId { get; private set; }
    public string TokenHash { get; private set; }
    public DateTimeOffset IssuedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? SpentAt { get; private set; }

    public bool IsSpent => SpentAt is not null;

    internal void Spend(DateTimeOffset now) => SpentAt = now;
}
