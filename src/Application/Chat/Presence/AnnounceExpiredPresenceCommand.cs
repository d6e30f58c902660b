using MediatR;

namespace Veza.Application.Chat.Presence;

/// <summary>
/// Users whose connections all expired because the node holding them stopped (crashed, lost its
/// network) went offline: their rooms and partners are told, as if they had disconnected. Sent by the
/// presence adapter that found them; not a transactional command.
/// </summary>
public sealed record AnnounceExpiredPresenceCommand(IReadOnlyList<Guid> UserIds) : IRequest<Unit>;

public sealed class AnnounceExpiredPresenceCommandHandler(PresenceAnnouncer announcer) : IRequestHandler<AnnounceExpiredPresenceCommand, Unit>
{
    public async Task<Unit> Handle(AnnounceExpiredPresenceCommand request, CancellationToken cancellationToken)
    {
        foreach (var userId in request.UserIds)
        {
            await announcer.AnnounceAsync(userId, PresenceAnnouncer.Offline, cancellationToken);
        }

        return Unit.Value;
    }
}
