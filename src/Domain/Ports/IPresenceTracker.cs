namespace Veza.Domain.Ports;

/// <summary>
/// Who has live connections: several connections of one user count as one. In process by default; a
/// shared adapter (Redis keys with a heartbeat) makes it span nodes.
/// </summary>
public interface IPresenceTracker
{
    /// <returns>True when this is the user's first live connection: they came online.</returns>
    Task<bool> ConnectedAsync(Guid userId, string connectionId, CancellationToken cancellationToken);

    /// <returns>True when it was the user's last live connection: they went offline.</returns>
    Task<bool> DisconnectedAsync(Guid userId, string connectionId, CancellationToken cancellationToken);

    Task<bool> IsOnlineAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>
    /// The user, still connected, says they are away (or back). Cleared when they go offline or come
    /// online again. Returns true when that changed their status.
    /// </summary>
    Task<bool> SetAwayAsync(Guid userId, bool away, CancellationToken cancellationToken);

    /// <summary>Which of these users have a live connection (on any node).</summary>
    Task<IReadOnlySet<Guid>> OnlineAmongAsync(IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken);
}
