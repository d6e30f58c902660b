using Microsoft.AspNetCore.SignalR;
using Veza.Application.Auth.EventHandlers;
using Veza.Infrastructure.Realtime;

namespace Veza.Api.Hubs;

/// <summary>
/// Delivers what the application sends through <c>IRealtimeNotifier</c> on this node to the hub's
/// connections: a user's events to their group, a room's to the room's group (on the chat hub), a radio
/// station's to the connections watching it (on the radio hub). (A multi-node fan-out publishes into each
/// node's notifier, and each node delivers to its own connections here.)
/// </summary>
public sealed class HubDelivery(InProcessRealtimeNotifier notifier, IHubContext<ChatHub> hub, IHubContext<RadioHub> radio, HubConnections connections) : IHostedService
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = notifier.Subscribe((n, ct) => n switch
        {
            { Type: EndRevokedSessionsLiveConnections.Signal, Payload: SessionRevokedSignal revoked } => CloseAsync(revoked, ct),
            { RoomId: { } roomId } => hub.Clients.Group(ChatHub.RoomGroup(roomId)).SendAsync(n.Type, n.Payload, ct),
            { StationId: { } stationId } => radio.Clients.Group(RadioHub.StationGroup(stationId)).SendAsync(n.Type, n.Payload, ct),
            _ => hub.Clients.Group(ChatHub.UserGroup(n.UserId)).SendAsync(n.Type, n.Payload, ct),
        });
        return Task.CompletedTask;
    }

    /// <summary>The server-started <c>error</c> event, then the connection is dropped.</summary>
    private async Task CloseAsync(SessionRevokedSignal revoked, CancellationToken cancellationToken)
    {
        foreach (var connection in connections.OfSession(revoked.SessionId))
        {
            await hub.Clients.Client(connection.ConnectionId).SendAsync("error", new HubClosedEvent("SESSION_REVOKED", "This session has been revoked. Sign in again."), cancellationToken);
            connection.Abort();
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>The <c>error</c> event the server sends before it closes a connection itself.</summary>
public sealed record HubClosedEvent(string Code, string Message);
