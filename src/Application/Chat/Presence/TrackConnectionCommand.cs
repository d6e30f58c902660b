using MediatR;
using Veza.Application.Common.Security;
using Veza.Domain.Ports;

namespace Veza.Application.Chat.Presence;

/// <summary>
/// A hub connection of the caller opened or closed. When that makes them come online or go offline (on
/// every node), the <see cref="PresenceAnnouncer"/> tells their rooms and conversation partners. Nothing
/// stored in the database: not a transactional command.
/// </summary>
[Authorize]
public sealed record TrackConnectionCommand(string ConnectionId, bool Connected) : IRequest<Unit>;

public sealed class TrackConnectionCommandHandler(IPresenceTracker presence, PresenceAnnouncer announcer, ICurrentUser caller)
    : IRequestHandler<TrackConnectionCommand, Unit>
{
    public async Task<Unit> Handle(TrackConnectionCommand request, CancellationToken cancellationToken)
    {
        var userId = caller.UserId!.Value;
        var changed = request.Connected
            ? await presence.ConnectedAsync(userId, request.ConnectionId, cancellationToken)
            : await presence.DisconnectedAsync(userId, request.ConnectionId, cancellationToken);
        if (changed)
        {
            await announcer.AnnounceAsync(userId, request.Connected ? PresenceAnnouncer.Online : PresenceAnnouncer.Offline, cancellationToken);
        }

        return Unit.Value;
    }
}
