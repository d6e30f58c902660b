using MediatR;
using Veza.Application.Common.Behaviours;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.ReadModels;
using Veza.Domain.Plays;
using Veza.Domain.Ports;
using Veza.Domain.Radio;
using Veza.Domain.Tracks;

namespace Veza.Application.Radio.Commands.CueNextTrack;

/// <summary>
/// The station's playout reached a track boundary: choose what plays next (<see cref="AutoDj"/>: the queue's
/// first request, else the rotation without recent repeats), mark the request played, record it in the
/// station's history, count it as one play of the track with the listeners it has (everyone hearing the
/// station through this node: stream connections, recent HLS players, Icecast's listeners), and tell the
/// station's chat room and its watchers (<c>now_playing</c>) once committed. Null when there is nothing the radio may play.
/// </summary>
public sealed record CueNextTrackCommand(Guid StationId, int Listeners) : ICommand<OnAir?>;

public sealed class CueNextTrackCommandHandler(
    IStationRepository stations, IStationRequestRepository requests, IStationPlayHistory history, IRadioReadModel readModel, IPlayLog plays,
    IRealtimeNotifier realtime, RollbackActions actions, IClock clock)
    : IRequestHandler<CueNextTrackCommand, OnAir?>
{
    public async Task<OnAir?> Handle(CueNextTrackCommand request, CancellationToken cancellationToken)
    {
        if (await stations.GetAsync(request.StationId, cancellationToken) is not { } station)
        {
            return null;
        }

        var now = clock.UtcNow;
        var pending = (await requests.PendingAsync(station.Id, cancellationToken)).ToList();
        var rotation = await readModel.RotationAsync(station.RotationPlaylistIds, station.RotationTags, cancellationToken);
        var recent = await readModel.RecentlyPlayedAsync(station.Id, Math.Max(station.NoRepeatWindow, 1), cancellationToken);
        while (true)
        {
            var next = AutoDj.ChooseNext(pending, rotation, recent, station.NoRepeatWindow, Random.Shared);
            if (next is null)
            {
                return null;
            }

            var chosenRequest = next.RequestId is { } requestId ? pending.First(r => r.Id == requestId) : null;
            var track = await readModel.PlayableAsync(next.TrackId, cancellationToken);
            if (track is null)
            {
                // Made private, hidden or taken off the radio since it was requested or listed: drop it and choose again.
                chosenRequest?.Remove(now);
                pending.RemoveAll(r => r.Id == next.RequestId);
                rotation = [.. rotation.Where(id => id != next.TrackId)];
                continue;
            }

            chosenRequest?.MarkPlayed(now);
            var onAir = new OnAir(track.Id, track.Title, track.Artist, now, track.Duration, track.ArtworkVersion, next.RequestId, TrackFiles.Mp3(track.Id, 128));
            await history.AddAsync(station.Id, onAir, request.Listeners, cancellationToken);
            if (request.Listeners > 0)
            {
                await plays.AddAsync(track.Id, null, PlaySource.Radio, request.Listeners, now, cancellationToken);
            }

            RadioEvents.AnnounceAfterCommit(actions, realtime, station, onAir);
            return onAir;
        }
    }
}
