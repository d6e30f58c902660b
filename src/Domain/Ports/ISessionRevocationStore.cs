namespace Veza.Domain.Ports;

/// <summary>
/// Answers "is this session revoked?" on every authenticated request. The sessions table is the
/// source of truth; a shared adapter makes a revocation visible to every node at once.
/// </summary>
public interface ISessionRevocationStore
{
    Task MarkRevokedAsync(Guid sessionId, CancellationToken cancellationToken);

    Task<bool> IsRevokedAsync(Guid sessionId, CancellationToken cancellationToken);
}
