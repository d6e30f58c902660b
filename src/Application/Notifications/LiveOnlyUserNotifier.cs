using Veza.Domain.Ports;

namespace Veza.Application.Notifications;

/// <summary>Placeholder until notifications are stored (issue 11): pushes live only.</summary>
public sealed class LiveOnlyUserNotifier(IRealtimeNotifier realtime) : IUserNotifier
{
    public Task NotifyAsync(Guid userId, string kind, object payload, CancellationToken cancellationToken) =>
        realtime.NotifyUserAsync(userId, kind, payload, cancellationToken);
}
