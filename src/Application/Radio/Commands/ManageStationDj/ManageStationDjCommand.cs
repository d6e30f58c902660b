using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;
using Veza.Domain.Ports;
using Veza.Domain.Radio;
using Veza.Domain.Users;

namespace Veza.Application.Radio.Commands.ManageStationDj;

/// <summary>The owner makes a user a DJ of the station (<paramref name="Add"/>) or takes the role back. Adding twice or removing a non-DJ is harmless.</summary>
[Authorize]
public sealed record ManageStationDjCommand(Guid StationId, Guid UserId, bool Add) : ICommand<Unit>;

public sealed class ManageStationDjCommandHandler(IStationRepository stations, IUserRepository users, ICurrentUser caller, IClock clock)
    : IRequestHandler<ManageStationDjCommand, Unit>
{
    public async Task<Unit> Handle(ManageStationDjCommand request, CancellationToken cancellationToken)
    {
        var station = await RadioAccess.StationAsync(stations, request.StationId, cancellationToken);
        RadioAccess.EnsureOwner(station, caller);
        if (request.Add)
        {
            if (await users.GetByIdAsync(request.UserId, cancellationToken) is not { Status: not AccountStatus.Deleted })
            {
                throw new NotFoundException("No such user.");
            }

            station.AddDj(request.UserId, clock.UtcNow);
        }
        else
        {
            station.RemoveDj(request.UserId, clock.UtcNow);
        }

        return Unit.Value;
    }
}
