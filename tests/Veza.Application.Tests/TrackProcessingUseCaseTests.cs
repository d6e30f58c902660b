using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using Veza.Application.Notifications;
using NSubstitute.ExceptionExtensions;
using Veza.Application.Tracks;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Jobs;
using Veza.Application.Common.ReadModels;
using Veza.Application.Tracks.EventHandlers;
using Veza.Application.Tracks.Processing;
using Veza.Application.Tracks.Processing.Queries.GetTrackProcessing;
using Veza.Domain.Media;
using Veza.Domain.Ports;
using Veza.Domain.Tracks;
using Veza.Domain.Users;

namespace Veza.Application.Tests;

/// <summary>The processing job over NSubstitute ports: which steps run, how failures map, and that a re-run changes nothing.</summary>
public class TrackProcessingUseCaseTests : UseCaseTestBase
{
    // NUnit keeps one fixture instance for all its tests: every substitute is made afresh per test.
    private ITrackRepository _tracks = null!;
    private IFileStorage _storage = null!;
    private IAudioProcessor _audio = null!;
    private ITrackProcessingProgress _progress = null!;
    private ITrackProcessingReadModel _readModel = null!;
    private IRealtimeNotifier _notifier = null!;
    private INotificationStore _store = null!;
    private Dictionary<string, long> _saved = null!;
    private List<(TrackStep Step, TrackStepState State, string? Detail)> _marks = null!;
    private string _scratchRoot = null!;

    protected override ApplicationHarness CreateHarness()
    {
        _tracks = Substitute.For<ITrackRepository>();
        _storage = Substitute.For<IFileStorage>();
        _audio = Substitute.For<IAudioProcessor>();
        _progress = Substitute.For<ITrackProcessingProgress>();
        _readModel = Substitute.For<ITrackProcessingReadModel>();
        _notifier = Substitute.For<IRealtimeNotifier>();
        _store = Substitute.For<INotificationStore>();
        _saved = [];
        _marks = [];
        _scratchRoot = Path.Combine(Path.GetTempPath(), "veza-app-tests-" + Guid.NewGuid().ToString("N"));
        var scratch = Substitute.For<IScratchSpace>();
        scratch.Create(Arg.Any<string>()).Returns(c => new ScratchDirectory(Path.Combine(_scratchRoot, c.Arg<string>() + Guid.NewGuid().ToString("N"))));
        _storage.OpenReadAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(_ => new StoredFile(new MemoryStream(new byte[1000]), 1000));
        _storage.SaveAsync(Arg.Any<string>(), Arg.Any<Stream>(), Arg.Any<CancellationToken>()).Returns(c =>
        {
            var length = c.Arg<Stream>().Length;
            lock (_saved)
            {
                _saved[c.Arg<string>()] = length;
            }

            return length;
        });
        _progress.MarkAsync(Arg.Any<Guid>(), Arg.Any<TrackStep>(), Arg.Any<TrackStepState>(), Arg.Any<DateTimeOffset>(), Arg.Any<string?>(), Arg.Any<CancellationToken>())
            .Returns(Task.CompletedTask)
            .AndDoes(c =>
            {
                lock (_marks)
                {
                    _marks.Add((c.ArgAt<TrackStep>(1), c.ArgAt<TrackStepState>(2), c.ArgAt<string?>(4)));
                }
            });
        _audio.EncodeMp3Async(Arg.Any<string>(), Arg.Any<AudioFormat>(), Arg.Any<int>(), Arg.Any<string>(), Arg.Any<CancellationToken>())
            .Returns(c => File.WriteAllBytesAsync(c.ArgAt<string>(3), new byte[c.ArgAt<int>(2)]));
        _audio.PackageHlsAsync(Arg.Any<string>(), Arg.Any<AudioFormat>(), Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(async c =>
        {
            var directory = c.ArgAt<string>(2);
            Directory.CreateDirectory(Path.Combine(directory, "96k"));
            await File.WriteAllTextAsync(Path.Combine(directory, "master.m3u8"), "#EXTM3U\n96k/index.m3u8\n");
            await File.WriteAllTextAsync(Path.Combine(directory, "96k", "index.m3u8"), "#EXTM3U\nsegment-000.ts\n");
            await File.WriteAllBytesAsync(Path.Combine(directory, "96k", "segment-000.ts"), new byte[10]);
        });
        _audio.MeasureLoudnessAsync(Arg.Any<string>(), Arg.Any<AudioFormat>(), Arg.Any<CancellationToken>()).Returns(new LoudnessMeasurement(-14.0, -1.0));
        _audio.ComputeWaveformAsync(Arg.Any<string>(), Arg.Any<AudioFormat>(), Arg.Any<TimeSpan>(), Arg.Any<int>(), Arg.Any<int>(), Arg.Any<CancellationToken>())
            .Returns(c => new Waveform([.. Enumerable.Repeat(new[] { -0.1f, 0.1f }, c.ArgAt<int>(4))], 12.0));
        return new ApplicationHarness(services => services
            .AddSingleton(_tracks).AddSingleton(_storage).AddSingleton(_audio).AddSingleton(_progress).AddSingleton(_readModel)
            .AddSingleton(Substitute.For<IImageProcessor>()).AddSingleton(_notifier).AddSingleton(scratch)
            .AddSingleton(_store).AddSingleton(Substitute.For<IUserPreferencesRepository>()));
    }

    [TearDown]
    public void DeleteScratch()
    {
        if (Directory.Exists(_scratchRoot))
        {
            Directory.Delete(_scratchRoot, recursive: true);
        }
    }

    [Test]
    public async Task A_128_kbps_mp3_gets_no_320_kbps_copy_and_ends_ready_with_every_other_output()
    {
        var track = Stored(AudioFormat.Mp3);
        Probes(bitrateKbps: 128);

        await App.RunJobAsync(new ProcessTrackJob(track.Id));

        await _audio.Received(1).EncodeMp3Async(Arg.Any<string>(), AudioFormat.Mp3, 128, Arg.Any<string>(), Arg.Any<CancellationToken>());
        await _audio.DidNotReceive().EncodeMp3Async(Arg.Any<string>(), Arg.Any<AudioFormat>(), 320, Arg.Any<string>(), Arg.Any<CancellationToken>());
        Assert.Multiple(() =>
        {
            Assert.That(track.Status, Is.EqualTo(TrackStatus.Ready));
            Assert.That((track.HasMp3128, track.HasMp3320, track.HasHls, track.HasWaveform), Is.EqualTo((true, false, true, true)));
            Assert.That(track.LoudnessLufs, Is.EqualTo(-14.0));
            Assert.That(_saved.Keys, Is.EquivalentTo(new[]
            {
                TrackFiles.Mp3(track.Id, 128), TrackFiles.Waveform(track.Id),
                TrackFiles.Hls(track.Id, "master.m3u8"), TrackFiles.Hls(track.Id, "96k/index.m3u8"), TrackFiles.Hls(track.Id, "96k/segment-000.ts"),
            }));
            Assert.That(track.StoredBytes, Is.EqualTo(1000 + _saved.Values.Sum()), "the original plus every derived file");
            Assert.That(_marks, Does.Contain((TrackStep.Mp3320, TrackStepState.Skipped, "The source is below 256 kbps: a 320 kbps copy would only be larger.")));
            Assert.That(_marks.Where(m => m.State == TrackStepState.Done).Select(m => m.Step),
                Is.EquivalentTo(new[] { TrackStep.Probe, TrackStep.Mp3128, TrackStep.Hls, TrackStep.Loudness, TrackStep.Waveform }));
            Assert.That(Directory.GetDirectories(_scratchRoot), Is.Empty, "the work directory is gone");
        });
    }

    [TestCase(AudioFormat.Flac, 900)]
    [TestCase(AudioFormat.Wav, null)]
    [TestCase(AudioFormat.Mp3, 320)]
    [TestCase(AudioFormat.OggVorbis, 256)]
    public async Task A_lossless_or_256_kbps_source_gets_a_320_kbps_copy(AudioFormat format, int? bitrateKbps)
    {
        var track = Stored(format);
        Probes(bitrateKbps);

        await App.RunJobAsync(new ProcessTrackJob(track.Id));

        await _audio.Received(1).EncodeMp3Async(Arg.Any<string>(), format, 320, Arg.Any<string>(), Arg.Any<CancellationToken>());
        Assert.That(track.HasMp3320, Is.True);
        Assert.That(_saved.Keys, Does.Contain(TrackFiles.Mp3(track.Id, 320)));
    }

    [Test]
    public async Task An_uploaded_artwork_is_kept_and_the_embedded_cover_not_even_extracted()
    {
        var track = Stored(AudioFormat.Mp3);
        track.ReplaceArtwork(Guid.NewGuid(), 300, ApplicationHarness.Now);
        Probes(320, hasCover: true);

        await App.RunJobAsync(new ProcessTrackJob(track.Id));

        await _audio.DidNotReceive().ExtractCoverAsync(Arg.Any<string>(), Arg.Any<AudioFormat>(), Arg.Any<string>(), Arg.Any<CancellationToken>());
        Assert.That(_marks, Does.Contain((TrackStep.Artwork, TrackStepState.Skipped, "The uploader's artwork is kept.")));
        Assert.That(track.StoredBytes, Is.EqualTo(1000 + 300 + _saved.Values.Sum()));
    }

    [Test]
    public async Task An_unreadable_embedded_cover_is_skipped_and_the_track_is_still_ready()
    {
        var track = Stored(AudioFormat.Mp3);
        Probes(320, hasCover: true);
        _audio.ExtractCoverAsync(Arg.Any<string>(), Arg.Any<AudioFormat>(), Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(async c =>
        {
            await File.WriteAllTextAsync(c.ArgAt<string>(2), "not a picture");
            return true;
        });

        await App.RunJobAsync(new ProcessTrackJob(track.Id));

        Assert.Multiple(() =>
        {
            Assert.That(track.Status, Is.EqualTo(TrackStatus.Ready));
            Assert.That(track.ArtworkVersion, Is.Null);
            Assert.That(_marks, Does.Contain((TrackStep.Artwork, TrackStepState.Skipped, "The embedded cover is not a readable picture.")));
        });
    }

    [TestCase(TrackFailure.NotAudio)]
    [TestCase(TrackFailure.TooLong)]
    [TestCase(TrackFailure.NoAudioStream)]
    [TestCase(TrackFailure.Corrupt)]
    public async Task A_file_the_probe_refuses_fails_with_its_reason_and_nothing_else_runs(TrackFailure failure)
    {
        var track = Stored(AudioFormat.Flac);
        _audio.ProbeAsync(Arg.Any<string>(), Arg.Any<AudioFormat>(), Arg.Any<CancellationToken>()).Returns(AudioProbe.Refused(failure));

        await App.RunJobAsync(new ProcessTrackJob(track.Id));

        await _audio.DidNotReceive().EncodeMp3Async(Arg.Any<string>(), Arg.Any<AudioFormat>(), Arg.Any<int>(), Arg.Any<string>(), Arg.Any<CancellationToken>());
        Assert.Multiple(() =>
        {
            Assert.That(track.Status, Is.EqualTo(TrackStatus.Failed));
            Assert.That(track.Failure, Is.EqualTo(failure));
            Assert.That(_marks, Does.Contain((TrackStep.Probe, TrackStepState.Failed, failure.Describe())));
            Assert.That(_saved, Is.Empty);
        });
    }

    [Test]
    public async Task A_file_that_stops_decoding_fails_as_corrupt_and_keeps_only_its_original()
    {
        var track = Stored(AudioFormat.Flac);
        Probes(900);
        _audio.MeasureLoudnessAsync(Arg.Any<string>(), Arg.Any<AudioFormat>(), Arg.Any<CancellationToken>()).ThrowsAsync(new AudioDecodingException());

        await App.RunJobAsync(new ProcessTrackJob(track.Id));

        Assert.Multiple(async () =>
        {
            Assert.That(track.Status, Is.EqualTo(TrackStatus.Failed));
            Assert.That(track.Failure, Is.EqualTo(TrackFailure.Corrupt));
            Assert.That(track.StoredBytes, Is.EqualTo(1000));
            Assert.That(_marks, Does.Contain((TrackStep.Loudness, TrackStepState.Failed, TrackFailure.Corrupt.Describe())));
            await _storage.Received().DeletePrefixAsync(TrackFiles.HlsFolder(track.Id), Arg.Any<CancellationToken>());
        });
    }

    [Test]
    public async Task A_tool_crash_is_not_the_file_s_fault_the_job_throws_to_be_retried_and_the_track_stays_processing()
    {
        var track = Stored(AudioFormat.Flac);
        Probes(900);
        _audio.PackageHlsAsync(Arg.Any<string>(), Arg.Any<AudioFormat>(), Arg.Any<string>(), Arg.Any<CancellationToken>())
            .ThrowsAsync(new AudioProcessingException("ffmpeg failed on the HLS step (exit 139)"));

        var error = Assert.ThrowsAsync<AudioProcessingException>(() => App.RunJobAsync(new ProcessTrackJob(track.Id)));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.Contain("exit 139"));
            Assert.That(track.Status, Is.EqualTo(TrackStatus.Processing));
            Assert.That(_marks, Does.Contain((TrackStep.Hls, TrackStepState.Failed, "ffmpeg failed on the HLS step (exit 139)")));
            Assert.That(Directory.GetDirectories(_scratchRoot), Is.Empty, "the work directory is gone on failure too");
        });
    }

    [Test]
    public async Task After_the_last_attempt_the_track_fails_with_processing_error_and_what_the_attempts_made_is_removed()
    {
        var track = Stored(AudioFormat.Flac);

        await App.InScopeAsync(sp => sp.GetServices<JobGivenUpRegistration>().Single(r => r.Kind == "tracks.process")
            .Handle(sp, new ProcessTrackJob(track.Id), "AudioProcessingException: timed out", CancellationToken.None));

        Assert.Multiple(async () =>
        {
            Assert.That(track.Status, Is.EqualTo(TrackStatus.Failed));
            Assert.That(track.Failure, Is.EqualTo(TrackFailure.ProcessingError));
            await _storage.Received().DeletePrefixAsync(TrackFiles.HlsFolder(track.Id), Arg.Any<CancellationToken>());
            await _storage.Received().DeleteAsync(TrackFiles.Mp3(track.Id, 128), Arg.Any<CancellationToken>());
            await _storage.Received().DeleteAsync(TrackFiles.Waveform(track.Id), Arg.Any<CancellationToken>());
            await _storage.DidNotReceive().DeleteAsync(TrackFiles.Original(track.Id), Arg.Any<CancellationToken>());
        });
    }

    [Test]
    public async Task A_re_run_after_the_track_finished_does_nothing_and_a_deleted_track_is_left_alone()
    {
        var track = Stored(AudioFormat.Mp3);
        Probes(128);
        await App.RunJobAsync(new ProcessTrackJob(track.Id));
        var processedAt = track.ProcessedAt;
        _audio.ClearReceivedCalls();

        await App.RunJobAsync(new ProcessTrackJob(track.Id));
        await App.RunJobAsync(new ProcessTrackJob(Guid.NewGuid()));

        Assert.That(_audio.ReceivedCalls(), Is.Empty);
        Assert.That(track.ProcessedAt, Is.EqualTo(processedAt));
    }

    [Test]
    public async Task A_run_that_finds_the_track_finished_when_it_records_changes_nothing()
    {
        // Two runs of one job (a lease lost mid-run): the second to record finds the first's outcome.
        var track = Stored(AudioFormat.Mp3);
        Probes(128);
        _audio.MeasureLoudnessAsync(Arg.Any<string>(), Arg.Any<AudioFormat>(), Arg.Any<CancellationToken>()).Returns(_ =>
        {
            track.FailProcessing(TrackFailure.ProcessingError, 0, ApplicationHarness.Now);
            return new LoudnessMeasurement(-14.0, -1.0);
        });

        await App.RunJobAsync(new ProcessTrackJob(track.Id));

        Assert.That(track.Failure, Is.EqualTo(TrackFailure.ProcessingError));
        Assert.That(track.LoudnessLufs, Is.Null);
    }

    [Test]
    public async Task The_owner_is_notified_live_and_by_a_stored_notification_when_processing_ends()
    {
        var owner = Guid.NewGuid();
        var trackId = Guid.NewGuid();

        await App.InScopeAsync(sp => sp.GetRequiredService<NotifyOwnerOfProcessedTrack>()
            .Handle(new TrackProcessed(trackId, owner, "failed", "too_long", ApplicationHarness.Now), CancellationToken.None));

        await _notifier.Received(1).NotifyUserAsync(owner, "track_processed",
            Arg.Is<TrackProcessedNotification>(n => n.TrackId == trackId && n.Status == "failed" && n.Failure!.Code == "too_long" && n.Failure.Message == TrackFailure.TooLong.Describe()),
            Arg.Any<CancellationToken>());
        await _store.Received(1).AddAsync(owner, "track_processed",
            Arg.Is<System.Text.Json.Nodes.JsonNode>(n => n["track_id"]!.GetValue<Guid>() == trackId && n["failure"]!["code"]!.GetValue<string>() == "too_long"),
            Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>());
    }

    [Test]
    public async Task Progress_is_shown_to_the_owner_and_admins_with_unstarted_steps_pending_and_to_nobody_else()
    {
        var owner = User.Register("dj_nova", "nova@example.com", "h", ApplicationHarness.Now, Role.User);
        var other = User.Register("dj_echo", "echo@example.com", "h", ApplicationHarness.Now, Role.Moderator);
        var admin = User.Register("root", "root@example.com", "h", ApplicationHarness.Now, Role.Admin);
        var trackId = Guid.NewGuid();
        _readModel.GetAsync(trackId, Arg.Any<CancellationToken>()).Returns(new TrackProcessingView(owner.Id, TrackStatus.Failed, TrackFailure.Corrupt,
            [new TrackStepRow("probe", "done", ApplicationHarness.Now, ApplicationHarness.Now, null)]));

        App.SignInAs(owner, Guid.NewGuid());
        var seen = await App.SendAsync(new GetTrackProcessingQuery(trackId));
        App.SignInAs(admin, Guid.NewGuid());
        var seenByAdmin = await App.SendAsync(new GetTrackProcessingQuery(trackId));
        App.SignInAs(other, Guid.NewGuid());

        Assert.Multiple(() =>
        {
            Assert.That(seen.Status, Is.EqualTo("failed"));
            Assert.That(seen.Failure, Is.EqualTo(new TrackFailureDto("corrupt", TrackFailure.Corrupt.Describe())));
            Assert.That(seen.Steps.Select(s => $"{s.Step}:{s.State}"), Is.EqualTo(new[]
            {
                "probe:done", "mp3_128:pending", "mp3_320:pending", "hls:pending", "loudness:pending", "waveform:pending", "artwork:pending",
            }));
            Assert.That(seenByAdmin, Is.Not.Null);
            Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new GetTrackProcessingQuery(trackId)));
            Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new GetTrackProcessingQuery(Guid.NewGuid())));
        });
    }

    [Test]
    public void The_processing_job_is_given_three_attempts_without_configuration()
    {
        var registration = new ServiceCollection().AddJobHandler<ProcessTrackJob, ProcessTrackJobHandler>()
            .BuildServiceProvider().GetRequiredService<JobKindRegistration>();

        Assert.That(registration.DefaultMaxAttempts, Is.EqualTo(3));
        Assert.That(registration.DefaultMaxParallelism, Is.Null);
    }

    private Track Stored(AudioFormat format)
    {
        var id = Guid.NewGuid();
        var track = Track.Upload(id, Guid.NewGuid(), new TrackDetails(null, null, null, [], TrackVisibility.Public),
            new StoredOriginal(TrackFiles.Original(id), format, 1000, new string('a', 64), "night drive"), ApplicationHarness.Now);
        _tracks.GetAsync(id, Arg.Any<CancellationToken>()).Returns(track);
        return track;
    }

    private void Probes(int? bitrateKbps, bool hasCover = false) =>
        _audio.ProbeAsync(Arg.Any<string>(), Arg.Any<AudioFormat>(), Arg.Any<CancellationToken>())
            .Returns(new AudioProbe(new AudioMetadata(TimeSpan.FromSeconds(12), "x", bitrateKbps, 44100, 2), null, hasCover));
}
