using Veza.Domain.Ports;
using Veza.Infrastructure.Common;

namespace Veza.Infrastructure.Realtime;

/// <summary><see cref="IPresenceTracker"/> for one node: the connection ids of each user, under one lock.</summary>
public sealed class InProcessPresenceTracker : IPresenceTracker, IInProcessState
{
    private readonly Dictionary<Guid, HashSet<string>> _connections = [];
    private readonly HashSet<Guid> _away = [];
    private readonly Lock _lock = new();

    public void Clear()
    {
        lock (_lock)
        {
            _connections.Clear();
            _away.Clear();
        }
    }

    public Task<bool> ConnectedAsync(Guid userId, string connectionId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_connections.TryGetValue(userId, out var ids))
            {
                _connections[userId] = ids = [];
            }

            var first = ids.Add(connectionId) && ids.Count == 1;
            if (first)
            {
                _away.Remove(userId);
            }

            return Task.FromResult(first);
        }
    }

    public Task<bool> DisconnectedAsync(Guid userId, string connectionId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_connections.TryGetValue(userId, out var ids) || !ids.Remove(connectionId))
            {
                return Task.FromResult(false);
            }

            if (ids.Count > 0)
            {
                return Task.FromResult(false);
            }

            _connections.Remove(userId);
            _away.Remove(userId);
            return Task.FromResult(true);
        }
    }

    public Task<bool> IsOnlineAsync(Guid userId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_connections.ContainsKey(userId));
        }
    }

    public Task<bool> SetAwayAsync(Guid userId, bool away, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_connections.ContainsKey(userId) && (away ? _away.Add(userId) : _away.Remove(userId)));
        }
    }

    public Task<IReadOnlySet<Guid>> OnlineAmongAsync(IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlySet<Guid>>(userIds.Where(_connections.ContainsKey).ToHashSet());
        }
    }

    /// <summary>This node's connections, for an adapter that renews them in shared storage.</summary>
    public IReadOnlyList<(Guid UserId, string[] ConnectionIds)> Snapshot()
    {
        lock (_lock)
        {
            return _connections.Select(c => (c.Key, c.Value.ToArray())).ToList();
        }
    }
}
