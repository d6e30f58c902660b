using MediatR;
using Veza.Application.Common.Behaviours;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;
using Veza.Domain.Chat;
using Veza.Domain.Ports;
using Veza.Domain.Radio;

namespace Veza.Application.Radio.Commands.DeleteStation;

/// <summary>The owner (or an admin) deletes a station, its requests and history, and its chat room; its encoder stops after the commit.</summary>
[Authorize]
public sealed record DeleteStationCommand(Guid StationId) : ICommand<Unit>;

public sealed class DeleteStationCommandHandler(
    IStationRepository stations, IChatRoomRepository rooms, IRadioPlayout playout, RollbackActions actions, ICurrentUser caller, IClock clock)
    : IRequestHandler<DeleteStationCommand, Unit>
{
    public async Task<Unit> Handle(DeleteStationCommand request, CancellationToken cancellationToken)
    {
        var station = await RadioAccess.StationAsync(stations, request.StationId, cancellationToken);
        RadioAccess.EnsureOwner(station, caller);
        stations.Remove(station);
        if (await rooms.GetAsync(station.ChatRoomId, cancellationToken) is { } room)
        {
            room.Delete(clock.UtcNow);
            rooms.Remove(room);
        }

        actions.AfterCommit(ct => playout.StopAsync(station.Id, ct));
        return Unit.Value;
    }
}
