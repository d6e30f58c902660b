using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using Veza.Application.Common.ReadModels;
using Veza.Application.Radio;
using Veza.Application.Radio.Commands.AnnounceLiveSet;
using Veza.Application.Radio.Commands.CueNextTrack;
using Veza.Domain.Plays;
using Veza.Domain.Ports;
using Veza.Domain.Radio;

namespace Veza.Application.Tests;

/// <summary>The auto-DJ's cue and a DJ's set taking the air, through MediatR over substitute ports: what plays next and what it records and announces.</summary>
public class RadioUseCaseTests : UseCaseTestBase
{
    private Station _station = null!;
    private List<StationRequest> _pending = null!;
    private IRadioReadModel _readModel = null!;
    private IStationPlayHistory _history = null!;
    private IPlayLog _plays = null!;
    private IRealtimeNotifier _realtime = null!;

    protected override ApplicationHarness CreateHarness()
    {
        _station = Station.Create(Guid.NewGuid(), Guid.NewGuid(), "Night Drive FM", "night-drive", null, null, StationVisibility.Public, ApplicationHarness.Now);
        _pending = [];
        var stations = Substitute.For<IStationRepository>();
        stations.GetAsync(_station.Id, Arg.Any<CancellationToken>()).Returns(_station);
        var requests = Substitute.For<IStationRequestRepository>();
        requests.PendingAsync(_station.Id, Arg.Any<CancellationToken>()).Returns(_ => [.. AutoDj.QueueOrder(_pending.Where(r => r.Status == StationRequestStatus.Pending))]);
        _readModel = Substitute.For<IRadioReadModel>();
        _readModel.RecentlyPlayedAsync(_station.Id, Arg.Any<int>(), Arg.Any<CancellationToken>()).Returns([]);
        _history = Substitute.For<IStationPlayHistory>();
        _plays = Substitute.For<IPlayLog>();
        _realtime = Substitute.For<IRealtimeNotifier>();
        return new ApplicationHarness(s => s.AddSingleton(stations).AddSingleton(requests).AddSingleton(_readModel).AddSingleton(_history).AddSingleton(_plays)
            .AddSingleton(_realtime).AddSingleton(Substitute.For<IRadioPlayout>()));
    }

    [Test]
    public async Task The_most_voted_request_is_cued_marked_played_recorded_counted_once_and_announced_after_the_commit()
    {
        var (quiet, loved) = (Request("Quiet"), Request("Loved"));
        loved.Vote(Guid.NewGuid(), ApplicationHarness.Now);

        var onAir = await App.SendAsync(new CueNextTrackCommand(_station.Id, Listeners: 12));

        Assert.Multiple(async () =>
        {
            Assert.That(onAir!.Title, Is.EqualTo("Loved"));
            Assert.That(onAir.RequestId, Is.EqualTo(loved.Id));
            Assert.That((loved.Status, quiet.Status), Is.EqualTo((StationRequestStatus.Played, StationRequestStatus.Pending)));
            await _history.Received(1).AddAsync(_station.Id, onAir, 12, Arg.Any<CancellationToken>());
            await _plays.Received(1).AddAsync(loved.TrackId, null, PlaySource.Radio, 12, ApplicationHarness.Now, Arg.Any<CancellationToken>());
            await _realtime.Received(1).NotifyRoomAsync(_station.ChatRoomId, RadioEvents.NowPlaying, Arg.Is<NowPlayingDto>(n => n.Title == "Loved"), Arg.Any<CancellationToken>());
            await _realtime.Received(1).NotifyStationAsync(_station.Id, RadioEvents.NowPlaying, Arg.Is<NowPlayingDto>(n => n.Title == "Loved"), Arg.Any<CancellationToken>());
        });
    }

    [Test]
    public async Task A_djs_set_taking_the_air_is_recorded_without_a_track_counts_no_play_and_is_announced_to_the_room_and_watchers()
    {
        var set = await App.SendAsync(new AnnounceLiveSetCommand(_station.Id, "bass_bob", Listeners: 7));

        Assert.Multiple(async () =>
        {
            Assert.That(set, Is.EqualTo(OnAir.LiveSet("bass_bob", ApplicationHarness.Now)));
            Assert.That((set!.TrackId, set.Title, set.Artist, set.IsLiveSet), Is.EqualTo(((Guid?)null, "Live: bass_bob", "bass_bob", true)));
            await _history.Received(1).AddAsync(_station.Id, set, 7, Arg.Any<CancellationToken>());
            await _plays.DidNotReceiveWithAnyArgs().AddAsync(default, default, default, default, default, default);
            await _realtime.Received(1).NotifyRoomAsync(_station.ChatRoomId, RadioEvents.NowPlaying,
                Arg.Is<NowPlayingDto>(n => n.TrackId == null && n.Title == "Live: bass_bob" && n.Artist == "bass_bob" && n.StartedAt == ApplicationHarness.Now), Arg.Any<CancellationToken>());
            await _realtime.Received(1).NotifyStationAsync(_station.Id, RadioEvents.NowPlaying, Arg.Is<NowPlayingDto>(n => n.Title == "Live: bass_bob"), Arg.Any<CancellationToken>());
        });
    }

    [Test]
    public async Task A_request_the_radio_may_no_longer_play_is_removed_and_the_rotation_plays_instead_and_nobody_listening_counts_no_play()
    {
        var gone = Request("Made private since");
        _readModel.PlayableAsync(gone.TrackId, Arg.Any<CancellationToken>()).Returns((RadioTrack?)null);
        var rotation = Guid.NewGuid();
        _readModel.RotationAsync(Arg.Any<Guid[]>(), Arg.Any<string[]>(), Arg.Any<CancellationToken>()).Returns([rotation]);
        _readModel.PlayableAsync(rotation, Arg.Any<CancellationToken>()).Returns(new RadioTrack(rotation, "From the rotation", "dj_nova", TimeSpan.FromMinutes(3), null));

        var onAir = await App.SendAsync(new CueNextTrackCommand(_station.Id, Listeners: 0));

        Assert.Multiple(async () =>
        {
            Assert.That(onAir!.TrackId, Is.EqualTo(rotation));
            Assert.That(gone.Status, Is.EqualTo(StationRequestStatus.Removed));
            await _plays.DidNotReceiveWithAnyArgs().AddAsync(default, default, default, default, default, default);
        });
    }

    [Test]
    public async Task Nothing_to_play_cues_nothing()
    {
        _readModel.RotationAsync(Arg.Any<Guid[]>(), Arg.Any<string[]>(), Arg.Any<CancellationToken>()).Returns([]);

        Assert.That(await App.SendAsync(new CueNextTrackCommand(_station.Id, Listeners: 3)), Is.Null);
    }

    private StationRequest Request(string title)
    {
        var request = StationRequest.Make(_station.Id, Guid.NewGuid(), Guid.NewGuid(), ApplicationHarness.Now.AddSeconds(_pending.Count));
        _pending.Add(request);
        _readModel.PlayableAsync(request.TrackId, Arg.Any<CancellationToken>()).Returns(new RadioTrack(request.TrackId, title, "dj_nova", TimeSpan.FromMinutes(3), null));
        return request;
    }
}
