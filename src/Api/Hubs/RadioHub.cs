using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Veza.Application.Radio.Queries.GetStation;

namespace Veza.Api.Hubs;

/// <summary>
/// The radio hub (/hubs/radio): any listener, signed in or not, follows a station's live events
/// (<c>now_playing</c>) without joining its chat room. Open to anonymous connections (a token, when sent, is
/// read as on the chat hub); a station is open to anyone who has its id (public or unlisted), as GET
/// /radio/stations/{id} is. Same protocol, argument shape and refusals as <see cref="ChatHub"/>.
/// </summary>
[AllowAnonymous]
public sealed class RadioHub(IMediator mediator) : Hub
{
    public const string Path = "/hubs/radio";

    public static string StationGroup(Guid stationId) => $"station:{stationId:N}";

    /// <summary>
    /// Follows a station ({station_id}): its events from now on, and the station as GET /radio/stations/{id}
    /// answers it (now_playing included). Unknown station: NOT_FOUND.
    /// </summary>
    public async Task<StationDetailDto> WatchStation(StationArgs args)
    {
        // In the group before the station is read, so a track that starts in between is not missed.
        var group = StationGroup(args.StationId);
        await Groups.AddToGroupAsync(Context.ConnectionId, group, Context.ConnectionAborted);
        try
        {
            return await mediator.Send(new GetStationQuery(args.StationId), Context.ConnectionAborted);
        }
        catch
        {
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, group, CancellationToken.None);
            throw;
        }
    }

    /// <summary>Stops following a station ({station_id}); one not followed is harmless.</summary>
    public Task UnwatchStation(StationArgs args) => Groups.RemoveFromGroupAsync(Context.ConnectionId, StationGroup(args.StationId), Context.ConnectionAborted);
}

public sealed record StationArgs(Guid StationId);
