using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Veza.Application.Common.Exceptions;
using Veza.Application.Tracks.Plays;
using Veza.Application.Tracks.Plays.Commands.RecordServedAudio;
using Veza.Application.Tracks.Plays.Commands.ReportPlayback;
using Veza.Application.Tracks.Queries.GetStreamUrls;
using Veza.Domain.Plays;
using Veza.Domain.Ports;
using Veza.Domain.Tracks;

namespace Veza.Application.Tests;

/// <summary>Play counting through MediatR over substitute ports: served audio, player reports, anonymous listeners, and nothing lost on failure.</summary>
public class PlayCountingUseCaseTests : UseCaseTestBase
{
    private static readonly Guid Owner = Guid.Parse("0193a5b2-7c1e-7d3a-9f10-000000000001");
    private static readonly Guid Listener = Guid.Parse("0193a5b2-7c1e-7d3a-9f10-000000000002");
    private const string AnonymousId = "a-c29tZS1rZXllZC1oYXNo";

    private readonly List<Track> _tracks = [];
    private readonly List<PlayProgress> _progress = [];
    private readonly List<(Guid TrackId, Guid? UserId)> _logged = [];
    private ITrackRepository _trackRepository = null!;
    private IPlayLog _log = null!;
    private IStreamUrlSigner _signer = null!;

    protected override ApplicationHarness CreateHarness()
    {
        _tracks.Clear();
        _progress.Clear();
        _logged.Clear();
        _trackRepository = Substitute.For<ITrackRepository>();
        _trackRepository.GetAsync(Arg.Any<Guid>(), Arg.Any<CancellationToken>()).Returns(c => _tracks.FirstOrDefault(t => t.Id == c.Arg<Guid>()));
        _trackRepository.DurationsAsync(Arg.Any<IReadOnlyCollection<Guid>>(), Arg.Any<CancellationToken>())
            .Returns(c => (IReadOnlyDictionary<Guid, TimeSpan>)_tracks.Where(t => c.Arg<IReadOnlyCollection<Guid>>().Contains(t.Id) && t.Status == TrackStatus.Ready)
                .ToDictionary(t => t.Id, t => t.Duration!.Value));
        var progress = Substitute.For<IPlayProgressRepository>();
        progress.FindAsync(Arg.Any<IReadOnlyCollection<(Guid, string)>>(), Arg.Any<CancellationToken>())
            .Returns(c => (IReadOnlyList<PlayProgress>)_progress.Where(p => c.Arg<IReadOnlyCollection<(Guid, string)>>().Contains((p.TrackId, p.Listener))).ToList());
        progress.When(p => p.Add(Arg.Any<PlayProgress>())).Do(c => _progress.Add(c.Arg<PlayProgress>()));
        _log = Substitute.For<IPlayLog>();
        _log.When(l => l.AddAsync(Arg.Any<Guid>(), Arg.Any<Guid?>(), PlaySource.Stream, 1, Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>()))
            .Do(c => _logged.Add((c.ArgAt<Guid>(0), c.ArgAt<Guid?>(1))));
        _signer = Substitute.For<IStreamUrlSigner>();
        _signer.UrlLifetime.Returns(TimeSpan.FromHours(1));
        _signer.AnonymousListenerId("203.0.113.7", "tests").Returns(AnonymousId);
        _signer.Sign(Arg.Any<string>(), Arg.Any<string>(), Arg.Any<DateTimeOffset>()).Returns(c => $"lid={c.ArgAt<string>(1)}");
        var harness = new ApplicationHarness(services => services.AddSingleton(_trackRepository).AddSingleton(progress).AddSingleton(_log).AddSingleton(_signer));
        // Domain events of the progress rows are what the unit of work publishes (LogCountedPlay writes the log).
        harness.UnitOfWork.TakeDomainEvents().Returns(_ => _progress.SelectMany(p => p.TakeDomainEvents()).ToArray());
        return harness;
    }

    private Track Stored(TrackVisibility visibility = TrackVisibility.Public, bool ready = true, double seconds = 240)
    {
        var track = TestTracks.Stored(Owner, visibility, ready, seconds: seconds, tags: []);
        _tracks.Add(track);
        return track;
    }

    private void SignIn(Guid userId) => App.SignIn(userId);

    private Task<ServedAudioMeter> MeterAsync()
    {
        ServedAudioMeter meter = null!;
        return App.InScopeAsync(sp =>
        {
            meter = sp.GetRequiredService<ServedAudioMeter>();
            return Task.CompletedTask;
        }).ContinueWith(_ => meter);
    }

    [Test]
    public async Task Served_audio_flushed_in_a_batch_counts_each_listener_who_heard_enough()
    {
        var track = Stored();
        var meter = await MeterAsync();
        var listener = ListenerIds.ForUser(Listener);
        meter.Record(track.Id, listener, StreamPaths.Mp3128, 50_000, 1_000_000);          // 12 s of 240
        meter.Record(track.Id, listener, "96k/segment-003.ts", 200_000, 200_000);       // a whole 6 s segment
        meter.Record(track.Id, listener, "96k/index.m3u8", 900, 900);                   // not audio
        meter.Record(track.Id, listener, StreamPaths.Mp3320, 60_000, 1_000_000);         // 14.4 s: 32.4 s in all
        meter.Record(track.Id, AnonymousId, StreamPaths.Mp3128, 100_000, 1_000_000);    // 24 s: not yet

        var counted = await App.SendAsync(new RecordServedAudioCommand(meter.Drain()));

        Assert.Multiple(() =>
        {
            Assert.That(counted, Is.EqualTo(1));
            Assert.That(_logged, Is.EqualTo(new[] { (track.Id, (Guid?)Listener) }));
            Assert.That(_progress.Single(p => p.Listener == AnonymousId).ServedSeconds, Is.EqualTo(24).Within(1e-6));
            Assert.That(meter.Drain(), Is.Empty, "drained once");
        });
    }

    [Test]
    public async Task A_report_settles_the_count_with_this_nodes_unflushed_audio()
    {
        var track = Stored();
        SignIn(Listener);
        var meter = await MeterAsync();
        meter.Record(track.Id, ListenerIds.ForUser(Listener), StreamPaths.Mp3128, 150_000, 1_000_000);  // 36 s, not flushed yet

        var report = await App.SendAsync(new ReportPlaybackCommand(track.Id, 31));
        var again = await App.SendAsync(new ReportPlaybackCommand(track.Id, 45));

        Assert.Multiple(() =>
        {
            Assert.That(report, Is.EqualTo(new PlayReportDto("counted", 36, 30, 1)));
            Assert.That(again.Outcome, Is.EqualTo("already_counted"));
            Assert.That(_logged, Is.EqualTo(new[] { (track.Id, (Guid?)Listener) }), "once in 30 minutes");
        });
    }

    [Test]
    public async Task A_report_of_audio_never_served_counts_nothing()
    {
        var track = Stored();
        SignIn(Listener);

        var report = await App.SendAsync(new ReportPlaybackCommand(track.Id, 240));

        Assert.Multiple(() =>
        {
            Assert.That(report.Outcome, Is.EqualTo("not_yet"));
            Assert.That(report.ServedSeconds, Is.Zero);
            Assert.That(_logged, Is.Empty);
        });
    }

    [Test]
    public async Task An_anonymous_listener_of_a_public_track_is_counted_by_its_keyed_hash_without_a_user()
    {
        var track = Stored(seconds: 40);
        var meter = await MeterAsync();
        meter.Record(track.Id, AnonymousId, StreamPaths.Mp3128, 1, 2);   // 20 s: half of a 40 s track

        var urls = await App.SendAsync(new GetStreamUrlsQuery(track.Id));
        var report = await App.SendAsync(new ReportPlaybackCommand(track.Id, 20));

        Assert.Multiple(() =>
        {
            Assert.That(urls.Urls.Mp3128, Does.EndWith($"lid={AnonymousId}"));
            Assert.That(urls.Urls.Original, Is.Null);
            Assert.That(report.Outcome, Is.EqualTo("counted"));
            Assert.That(report.ThresholdSeconds, Is.EqualTo(20));
            Assert.That(_logged, Is.EqualTo(new[] { (track.Id, (Guid?)null) }));
        });
    }

    [Test]
    public void Anonymous_callers_get_nothing_of_a_private_track_and_everyone_waits_for_processing()
    {
        var secret = Stored(TrackVisibility.Private);
        var processing = Stored(ready: false);

        Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new GetStreamUrlsQuery(secret.Id)));
        Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new ReportPlaybackCommand(secret.Id, 30)));
        var unready = Assert.ThrowsAsync<InvalidStateException>(() => App.SendAsync(new ReportPlaybackCommand(processing.Id, 30)));
        Assert.That(unready!.State, Is.EqualTo("processing"));
    }

    [TestCase(-1)]
    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    [TestCase(86_401)]
    public void Impossible_seconds_are_refused(double seconds)
    {
        var track = Stored();
        SignIn(Listener);

        var refused = Assert.ThrowsAsync<RequestValidationException>(() => App.SendAsync(new ReportPlaybackCommand(track.Id, seconds)));
        Assert.That(refused!.Errors.Single().Field, Is.EqualTo("seconds"));
    }

    [Test]
    public async Task Audio_taken_by_a_report_that_does_not_commit_goes_back_to_the_meter()
    {
        var track = Stored();
        SignIn(Listener);
        var meter = await MeterAsync();
        meter.Record(track.Id, ListenerIds.ForUser(Listener), StreamPaths.Mp3128, 150_000, 1_000_000);
        _log.AddAsync(default, default, default, default, default, default).ThrowsAsyncForAnyArgs(new InvalidOperationException("database gone"));

        Assert.ThrowsAsync<InvalidOperationException>(() => App.SendAsync(new ReportPlaybackCommand(track.Id, 31)));

        var left = meter.Drain();
        Assert.That(left.Sum(s => s.Fraction), Is.EqualTo(0.15).Within(1e-6), "the served audio is still there for the next flush");
    }

    [Test]
    public async Task Audio_of_a_track_deleted_before_the_flush_is_dropped()
    {
        var meter = await MeterAsync();
        meter.Record(Guid.NewGuid(), AnonymousId, StreamPaths.Mp3128, 10, 10);

        var counted = await App.SendAsync(new RecordServedAudioCommand(meter.Drain()));

        Assert.Multiple(() =>
        {
            Assert.That(counted, Is.Zero);
            Assert.That(_progress, Is.Empty);
        });
    }

    [Test]
    public async Task Records_racing_drains_are_neither_lost_nor_counted_twice()
    {
        var meter = new ServedAudioMeter();
        var track = Guid.NewGuid();
        const int writers = 4, recordsEach = 20_000;
        var drained = 0.0;
        var writing = Enumerable.Range(0, writers).Select(w => Task.Run(() =>
        {
            for (var i = 0; i < recordsEach; i++)
            {
                meter.Record(track, $"listener-{(w * 7 + i) % 50}", StreamPaths.Mp3128, 1, 1_000_000);
            }
        })).ToArray();

        while (!writing.All(t => t.IsCompleted))
        {
            drained += meter.Drain().Sum(s => s.Fraction);
            await Task.Yield();
        }

        await Task.WhenAll(writing);
        drained += meter.Drain().Sum(s => s.Fraction);
        drained += meter.Drain().Sum(s => s.Fraction);
        Assert.That(Math.Round(drained * 1_000_000), Is.EqualTo(writers * recordsEach));
    }
}
