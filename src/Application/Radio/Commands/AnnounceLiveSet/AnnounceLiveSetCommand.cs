using MediatR;
using Veza.Application.Common.Behaviours;
using Veza.Application.Common.Messaging;
using Veza.Domain.Ports;
using Veza.Domain.Radio;

namespace Veza.Application.Radio.Commands.AnnounceLiveSet;

/// <summary>
/// A DJ's live set took the station's air (the playout sends it when the set starts): record it in the
/// station's history (no track: "Live: {dj}", the DJ as artist, with the listeners it has) and tell the
/// station's chat room and its watchers (<c>now_playing</c>) once committed. A set is not a play of any
/// track. Null when the station is gone.
/// </summary>
public sealed record AnnounceLiveSetCommand(Guid StationId, string Dj, int Listeners) : ICommand<OnAir?>;

public sealed class AnnounceLiveSetCommandHandler(IStationRepository stations, IStationPlayHistory history, IRealtimeNotifier realtime, RollbackActions actions, IClock clock)
    : IRequestHandler<AnnounceLiveSetCommand, OnAir?>
{
    public async Task<OnAir?> Handle(AnnounceLiveSetCommand request, CancellationToken cancellationToken)
    {
        if (await stations.GetAsync(request.StationId, cancellationToken) is not { } station)
        {
            return null;
        }

        var set = OnAir.LiveSet(request.Dj, clock.UtcNow);
        await history.AddAsync(station.Id, set, request.Listeners, cancellationToken);
        RadioEvents.AnnounceAfterCommit(actions, realtime, station, set);
        return set;
    }
}
