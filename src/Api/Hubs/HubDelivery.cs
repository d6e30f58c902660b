using Microsoft.AspNetCore.SignalR;
using Veza.Infrastructure.Realtime;

namespace Veza.Api.Hubs;

/// <summary>
/// Delivers what the application sends through <c>IRealtimeNotifier</c> on this node to the hub's
/// connections: a user's events to their group, a room's to the room's group. (A multi-node fan-out
/// publishes into each node's notifier, and each node delivers to its own connections here.)
/// </summary>
public sealed class HubDelivery(InProcessRealtimeNotifier notifier, IHubContext<ChatHub> hub) : IHostedService
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = notifier.Subscribe((n, ct) => n.RoomId is { } roomId
            ? hub.Clients.Group(ChatHub.RoomGroup(roomId)).SendAsync(n.Type, n.Payload, ct)
            : hub.Clients.Group(ChatHub.UserGroup(n.UserId)).SendAsync(n.Type, n.Payload, ct));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }
}
