using MediatR;
using Veza.Application.Common.ReadModels;
using Veza.Application.Common.Security;
using Veza.Domain.Ports;
using Veza.Domain.Users;

namespace Veza.Application.Chat.Presence;

/// <summary>
/// A hub connection of the caller opened or closed. When that makes them come online or go offline, a
/// <c>presence</c> event goes to every room they are a member of and to the users they have talked with,
/// unless they hide their online status. Nothing stored in the database: not a transactional command.
/// </summary>
[Authorize]
public sealed record TrackConnectionCommand(string ConnectionId, bool Connected) : IRequest<Unit>;

/// <summary>The <c>presence</c> event.</summary>
public sealed record PresenceEvent(Guid UserId, string Status);

public sealed class TrackConnectionCommandHandler(
    IPresenceTracker presence, IChatReadModel chat, IUserPreferencesRepository preferences, IRealtimeNotifier realtime, ICurrentUser caller)
    : IRequestHandler<TrackConnectionCommand, Unit>
{
    public async Task<Unit> Handle(TrackConnectionCommand request, CancellationToken cancellationToken)
    {
        var userId = caller.UserId!.Value;
        var changed = request.Connected
            ? await presence.ConnectedAsync(userId, request.ConnectionId, cancellationToken)
            : await presence.DisconnectedAsync(userId, request.ConnectionId, cancellationToken);
        if (!changed || !((await preferences.FindAsync(userId, cancellationToken))?.Values ?? PreferenceSet.Default).Privacy.ShowOnlineStatus)
        {
            return Unit.Value;
        }

        var status = new PresenceEvent(userId, request.Connected ? "online" : "offline");
        foreach (var roomId in await chat.RoomIdsOfAsync(userId, cancellationToken))
        {
            await realtime.NotifyRoomAsync(roomId, ChatEvents.Presence, status, cancellationToken);
        }

        foreach (var partner in await chat.ConversationPartnersAsync(userId, cancellationToken))
        {
            await realtime.NotifyUserAsync(partner, ChatEvents.Presence, status, cancellationToken);
        }

        return Unit.Value;
    }
}
