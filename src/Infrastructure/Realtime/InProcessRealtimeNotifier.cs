using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Veza.Domain.Ports;

namespace Veza.Infrastructure.Realtime;

/// <summary>
/// A notification for one user (or, when <paramref name="RoomId"/> is set, for a chat room's connections; when
/// <paramref name="StationId"/> is, for the connections watching a radio station), as this node's subscribers receive it.
/// </summary>
public sealed record RealtimeNotification(Guid UserId, string Type, object Payload, DateTimeOffset SentAt, Guid? RoomId = null, Guid? StationId = null);

/// <summary>
/// <see cref="IRealtimeNotifier"/> within this process: hands each notification to the subscribers of this
/// node (the chat hub will subscribe and push over SignalR). A failing subscriber is logged and does not
/// stop the others or the sender; no subscriber means nobody is listening, which is not an error.
/// </summary>
public sealed partial class InProcessRealtimeNotifier(IClock clock, ILogger<InProcessRealtimeNotifier> logger) : IRealtimeNotifier
{
    private ImmutableList<Func<RealtimeNotification, CancellationToken, Task>> _subscribers = [];

    /// <summary>Receives every notification sent on this node until the returned handle is disposed.</summary>
    public IDisposable Subscribe(Func<RealtimeNotification, CancellationToken, Task> subscriber)
    {
        ImmutableInterlocked.Update(ref _subscribers, list => list.Add(subscriber));
        return new Subscription(() => ImmutableInterlocked.Update(ref _subscribers, list => list.Remove(subscriber)));
    }

    public Task NotifyUserAsync(Guid userId, string type, object payload, CancellationToken cancellationToken) =>
        PublishAsync(new RealtimeNotification(userId, type, payload, clock.UtcNow), cancellationToken);

    public Task NotifyRoomAsync(Guid roomId, string type, object payload, CancellationToken cancellationToken) =>
        PublishAsync(new RealtimeNotification(Guid.Empty, type, payload, clock.UtcNow, roomId), cancellationToken);

    public Task NotifyStationAsync(Guid stationId, string type, object payload, CancellationToken cancellationToken) =>
        PublishAsync(new RealtimeNotification(Guid.Empty, type, payload, clock.UtcNow, StationId: stationId), cancellationToken);

    private async Task PublishAsync(RealtimeNotification notification, CancellationToken cancellationToken)
    {
        var type = notification.Type;
        foreach (var subscriber in _subscribers)
        {
            try
            {
                await subscriber(notification, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogSubscriberFailed(logger, type, ex);
            }
        }
    }

    [LoggerMessage(EventId = 3600, Level = LogLevel.Warning, Message = "A realtime subscriber failed on a {Type} notification")]
    private static partial void LogSubscriberFailed(ILogger logger, string type, Exception ex);

    private sealed class Subscription(Action unsubscribe) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                unsubscribe();
            }
        }
    }
}
