using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace Veza.Api.Hubs;

/// <summary>This node's live hub connections by the session their token belongs to, so a revoked session's connections can be closed.</summary>
public sealed class HubConnections
{
    private readonly ConcurrentDictionary<string, (Guid SessionId, HubCallerContext Context)> _connections = new();

    public void Add(Guid sessionId, HubCallerContext context) => _connections[context.ConnectionId] = (sessionId, context);

    public void Remove(string connectionId) => _connections.TryRemove(connectionId, out _);

    public IReadOnlyList<HubCallerContext> OfSession(Guid sessionId) =>
        _connections.Values.Where(c => c.SessionId == sessionId).Select(c => c.Context).ToList();
}
