using System.Text.Json;
using System.Text.Json.Nodes;
using Veza.Domain.Ports;
using Veza.Domain.Users;

namespace Veza.Application.Notifications;

/// <summary>
/// <see cref="IUserNotifier"/>: when the user wants this kind in the app (their preference), the notification
/// is stored (in the caller's transaction when there is one) and pushed live as a <c>notification</c> event;
/// when they do not, neither.
/// </summary>
public sealed class StoredUserNotifier(INotificationStore store, IUserPreferencesRepository preferences, IRealtimeNotifier realtime, IClock clock) : IUserNotifier
{
    public const string EventName = "notification";
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public async Task NotifyAsync(Guid userId, string kind, object payload, CancellationToken cancellationToken)
    {
        var set = ((await preferences.FindAsync(userId, cancellationToken))?.Values ?? PreferenceSet.Default).Complete();
        if (!set.Notifications[NotificationPreferenceKinds.For(kind)].InApp)
        {
            return;
        }

        var stored = await store.AddAsync(userId, kind, JsonSerializer.SerializeToNode(payload, payload.GetType(), Json) ?? new JsonObject(), clock.UtcNow, cancellationToken);
        await realtime.NotifyUserAsync(userId, EventName, stored, cancellationToken);
    }
}
