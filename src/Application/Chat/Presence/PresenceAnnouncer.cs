using Veza.Application.Common.ReadModels;
using Veza.Domain.Ports;
using Veza.Domain.Users;

namespace Veza.Application.Chat.Presence;

/// <summary>The <c>presence</c> event.</summary>
public sealed record PresenceEvent(Guid UserId, string Status);

/// <summary>
/// Tells the rooms a user is a member of and the users they have talked with that the user's status
/// changed, unless the user hides their online status.
/// </summary>
public sealed class PresenceAnnouncer(IChatReadModel chat, IUserPreferencesRepository preferences, IRealtimeNotifier realtime)
{
    public const string Online = "online";
    public const string Away = "away";
    public const string Offline = "offline";

    public async Task AnnounceAsync(Guid userId, string status, CancellationToken cancellationToken)
    {
        if (!((await preferences.FindAsync(userId, cancellationToken))?.Values ?? PreferenceSet.Default).Privacy.ShowOnlineStatus)
        {
            return;
        }

        var presence = new PresenceEvent(userId, status);
        foreach (var roomId in await chat.RoomIdsOfAsync(userId, cancellationToken))
        {
            await realtime.NotifyRoomAsync(roomId, ChatEvents.Presence, presence, cancellationToken);
        }

        foreach (var partner in await chat.ConversationPartnersAsync(userId, cancellationToken))
        {
            await realtime.NotifyUserAsync(partner, ChatEvents.Presence, presence, cancellationToken);
        }
    }
}
