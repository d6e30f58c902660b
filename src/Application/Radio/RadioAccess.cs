using Veza.Application.Common.Exceptions;
using Veza.Application.Tracks;
using Veza.Domain.Ports;
using Veza.Domain.Radio;

namespace Veza.Application.Radio;

/// <summary>The station rules the radio use cases share.</summary>
public static class RadioAccess
{
    public static async Task<Station> StationAsync(IStationRepository stations, Guid stationId, CancellationToken cancellationToken) =>
        await stations.GetAsync(stationId, cancellationToken) ?? throw new NotFoundException("No such station.");

    /// <summary>The owner (or an admin) changes, programs and deletes a station.</summary>
    public static void EnsureOwner(Station station, ICurrentUser caller)
    {
        if (caller.UserId != station.OwnerId && !TrackView.IsAdmin(caller.Role))
        {
            throw new ForbiddenException("Only the station's owner does this.");
        }
    }

    /// <summary>The owner and DJs (or an admin) run the queue.</summary>
    public static void EnsureRunBy(Station station, ICurrentUser caller)
    {
        if (!(caller.UserId is { } id && station.IsRunBy(id)) && !TrackView.IsAdmin(caller.Role))
        {
            throw new ForbiddenException("Only the station's owner and DJs do this.");
        }
    }
}
