namespace Veza.Domain.Sessions;

public interface ISessionRepository
{
    /// <summary>Loads the session (with its token family) that issued the token with this hash, spent or not.</summary>
    Task<Session?> FindByRefreshTokenHashAsync(string tokenHash, CancellationToken cancellationToken);

    /// <summary>The session with this id, revoked or not, without its token family (enough to revoke it).</summary>
    Task<Session?> FindByIdAsync(Guid sessionId, CancellationToken cancellationToken);

    Task<IReadOnlyList<Session>> ListActiveForUserAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>Whether the user started a session from this address since then (revoked ones count: they were the user's).</summary>
    Task<bool> StartedFromAddressSinceAsync(Guid userId, string ipAddress, DateTimeOffset since, CancellationToken cancellationToken);

    void Add(Session session);
}
