using Veza.Infrastructure.Realtime;

namespace Veza.TestKit;

/// <summary>
/// Every realtime notification the platform pushed (to a user, a chat room or a radio station), as the
/// SignalR hubs would receive them from the in-process notifier.
/// </summary>
public sealed class CapturedNotifications : IDisposable
{
    private readonly List<RealtimeNotification> _received = [];
    private readonly IDisposable _subscription;

    internal CapturedNotifications(InProcessRealtimeNotifier notifier) =>
        _subscription = notifier.Subscribe((notification, _) =>
        {
            lock (_received)
            {
                _received.Add(notification);
            }

            return Task.CompletedTask;
        });

    public IReadOnlyList<RealtimeNotification> All
    {
        get
        {
            lock (_received)
            {
                return [.. _received];
            }
        }
    }

    /// <summary>Notifications of one type (<c>message</c>, <c>track_processed</c>, <c>notification</c>...), oldest first.</summary>
    public IReadOnlyList<RealtimeNotification> OfType(string type) => All.Where(n => n.Type == type).ToList();

    /// <summary>Notifications pushed to a chat room's connections.</summary>
    public IReadOnlyList<RealtimeNotification> InRoom(Guid roomId) => All.Where(n => n.RoomId == roomId).ToList();

    /// <summary>Notifications pushed to one user's connections.</summary>
    public IReadOnlyList<RealtimeNotification> ForUser(Guid userId) => All.Where(n => n.RoomId is null && n.StationId is null && n.UserId == userId).ToList();

    /// <summary>Waits for a notification of <paramref name="type"/> that matches <paramref name="match"/>.</summary>
    public async Task<RealtimeNotification> WaitForAsync(string type, Func<RealtimeNotification, bool>? match = null, TimeSpan? within = null)
    {
        RealtimeNotification? found = null;
        await Eventually.TrueAsync(() =>
        {
            found = OfType(type).FirstOrDefault(n => match is null || match(n));
            return Task.FromResult(found is not null);
        }, within ?? TimeSpan.FromSeconds(30));
        return found ?? throw new TimeoutException($"No '{type}' notification arrived.");
    }

    public void Clear()
    {
        lock (_received)
        {
            _received.Clear();
        }
    }

    public void Dispose() => _subscription.Dispose();
}
