namespace Veza.Application.Auth;

/// <summary>
/// One of the caller's signed-in sessions. <c>last_used_at</c> is when its refresh token was last used
/// (a new access token is issued at most every 15 minutes), not every request.
/// </summary>
public sealed record SessionDto(
    Guid Id, string Device, string? UserAgent, string? IpAddress, DateTimeOffset CreatedAt, DateTimeOffset LastUsedAt, DateTimeOffset ExpiresAt, bool Current);

/// <summary>What the read side projects from the sessions table; the device name and current flag are added in memory.</summary>
public sealed record SessionRow(Guid Id, string? UserAgent, string? IpAddress, DateTimeOffset CreatedAt, DateTimeOffset LastUsedAt, DateTimeOffset ExpiresAt)
{
    public SessionDto ToDto(Guid? currentSessionId) =>
        new(Id, UserAgentDevice.Describe(UserAgent), UserAgent, IpAddress, CreatedAt, LastUsedAt, ExpiresAt, Id == currentSessionId);
}

public sealed record SessionsRevokedDto(int Revoked);
