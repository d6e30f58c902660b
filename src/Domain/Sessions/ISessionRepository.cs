namespace Veza.Domain.Sessions;

public interface ISessionRepository
{
    /// <summary>Loads the session (with its token family) that issued the token with this hash, spent or not.</summary>
    Task<Session?> FindByRefreshTokenHashAsync(string tokenHash, CancellationToken cancellationToken);

    Task<IReadOnlyList<Session>> ListActiveForUserAsync(Guid userId, CancellationToken cancellationToken);

    void Add(Session session);
}
