using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Veza.Application.Tracks.Processing;
using Veza.Domain.Media;
using Veza.Domain.Ports;
using Veza.Domain.Tracks;
using Veza.Domain.Users;
using Veza.Infrastructure.Jobs;
using Veza.Testing;
using Veza.TestKit;

namespace Veza.Infrastructure.IntegrationTests;

/// <summary>
/// The processing job end to end on nodes of the real Application and Infrastructure: the PostgreSQL job
/// queue, the filesystem storage and the real ffmpeg on audio the tests generate; and a job interrupted
/// (its worker stopped, its process killed) that completes after a restart.
/// </summary>
public class TrackProcessingPipelineTests : MigratedDatabaseFixture
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
    private string _temp = null!;
    private string _storageRoot = null!;

    [SetUp]
    public async Task Reset()
    {
        await Database.ResetAsync();
        _temp = Path.Combine(Path.GetTempPath(), "veza-pipeline-tests-" + Guid.NewGuid().ToString("N"));
        _storageRoot = Path.Combine(_temp, "storage");
        Directory.CreateDirectory(_storageRoot);
    }

    [TearDown]
    public void DeleteTemp() => Directory.Delete(_temp, recursive: true);

    [Test]
    public async Task A_flac_upload_becomes_ready_with_every_variant_checked_by_ffprobe()
    {
        await using var node = Node();
        var id = await UploadAsync(node, await TestAudio.MakeToneAsync(Path.Combine(_temp, "tone.flac"), 13), AudioFormat.Flac);

        await StartWorkerAsync(node);

        Assert.That(await WaitForOutcomeAsync(id), Is.EqualTo("ready"), await StepsAsync(id));
        var mp3128 = await TestAudio.ProbeAsync(Stored(TrackFiles.Mp3(id, 128)));
        var mp3320 = await TestAudio.ProbeAsync(Stored(TrackFiles.Mp3(id, 320)));
        var waveform = JsonNode.Parse(await File.ReadAllTextAsync(Stored(TrackFiles.Waveform(id))))!;
        var master = await File.ReadAllTextAsync(Stored(TrackFiles.Hls(id, "master.m3u8")));
        Assert.Multiple(async () =>
        {
            Assert.That((mp3128.Codec, mp3128.Duration, mp3128.BitrateKbps), Is.EqualTo(("mp3", 13.0, 128)).Using<(string, double, int)>(Close));
            Assert.That((mp3320.Codec, mp3320.Duration, mp3320.BitrateKbps), Is.EqualTo(("mp3", 13.0, 320)).Using<(string, double, int)>(Close));
            Assert.That(waveform["peaks"]!.AsArray(), Has.Count.EqualTo(Waveform.DefaultPairs));
            Assert.That(waveform["peaks"]!.AsArray().All(p => p!.AsArray().Count == 2), Is.True);
            Assert.That(waveform["duration"]!.GetValue<double>(), Is.EqualTo(13).Within(0.05));
            Assert.That(master, Does.Contain("BANDWIDTH=").And.Contain("CODECS=\"mp4a.40.2\"").And.Contain("96k/index.m3u8").And.Contain("192k/index.m3u8"));
            foreach (var kbps in HlsLadder.BitratesKbps)
            {
                var segments = (await File.ReadAllLinesAsync(Stored(TrackFiles.Hls(id, $"{kbps}k/index.m3u8")))).Where(l => l.EndsWith(".ts", StringComparison.Ordinal)).ToList();
                Assert.That(segments, Has.Count.EqualTo(3), "13 s in 6 s segments");
                Assert.That(segments.All(s => File.Exists(Stored(TrackFiles.Hls(id, $"{kbps}k/{s}")))), Is.True, $"{kbps}k segments exist");
                var first = await TestAudio.ProbeAsync(Stored(TrackFiles.Hls(id, $"{kbps}k/{segments[0]}")));
                Assert.That(first.Codec, Is.EqualTo("aac"));
            }

            Assert.That(await Database.ScalarAsync<double>("SELECT loudness_lufs FROM tracks"), Is.EqualTo(TestAudio.ExpectedLufs).Within(0.5));
            Assert.That(await Database.ScalarAsync<double>("SELECT track_gain_db FROM tracks"), Is.EqualTo(TrackLoudness.ReferenceLufs - TestAudio.ExpectedLufs).Within(0.5));
            Assert.That(await Database.ScalarAsync<long>("SELECT stored_bytes FROM tracks"), Is.EqualTo(StoredBytesOnDisk(id)), "the quota counts every stored file");
            Assert.That(await StepsAsync(id), Is.EqualTo("probe:done mp3_128:done mp3_320:done hls:done loudness:done waveform:done artwork:skipped"));
            Assert.That(Directory.GetDirectories(Path.Combine(Path.GetTempPath(), "veza-scratch"), $"track-{id:N}-*"), Is.Empty, "the work directory is gone");
        });
    }

    [Test]
    public async Task An_mp3_s_tags_fill_empty_fields_its_artist_is_credited_and_its_cover_becomes_the_artwork()
    {
        await using var node = Node();
        var source = await TestAudio.MakeToneAsync(Path.Combine(_temp, "tagged.mp3"), 4, withTags: true, withCover: true, bitrateKbps: 128);
        var id = await UploadAsync(node, source, AudioFormat.Mp3);

        await StartWorkerAsync(node);

        Assert.That(await WaitForOutcomeAsync(id), Is.EqualTo("ready"), await StepsAsync(id));
        var artwork = await Database.ScalarAsync<Guid>("SELECT artwork_version FROM tracks");
        Assert.Multiple(async () =>
        {
            Assert.That(await Database.ScalarAsync<string>("SELECT title FROM tracks"), Is.EqualTo("Night Drive"));
            Assert.That(await Database.ScalarAsync<string>("SELECT album FROM tracks"), Is.EqualTo("Cassette Dreams"));
            Assert.That(await Database.ScalarAsync<string>("SELECT genre FROM tracks"), Is.EqualTo("Synthwave"));
            Assert.That(await Database.ScalarAsync<string>("SELECT credited_artist FROM tracks"), Is.EqualTo("The Tape Loops"));
            Assert.That(TrackFiles.ArtworkSizes.All(size => File.Exists(Stored(TrackFiles.Artwork(id, artwork, size)))), Is.True);
            Assert.That(File.Exists(Stored(TrackFiles.Mp3(id, 320))), Is.False, "no upscaling");
            Assert.That(await StepsAsync(id), Is.EqualTo("probe:done mp3_128:done mp3_320:skipped hls:done loudness:done waveform:done artwork:done"));
        });
    }

    [Test]
    public async Task A_truncated_flac_fails_as_corrupt_with_its_reason_and_keeps_only_its_original()
    {
        await using var node = Node();
        var whole = await File.ReadAllBytesAsync(await TestAudio.MakeToneAsync(Path.Combine(_temp, "tone.flac"), 10));
        var truncated = Path.Combine(_temp, "truncated.flac");
        await File.WriteAllBytesAsync(truncated, whole[..((whole.Length / 2) + 37)]);
        var id = await UploadAsync(node, truncated, AudioFormat.Flac);

        await StartWorkerAsync(node);

        Assert.That(await WaitForOutcomeAsync(id), Is.EqualTo("failed"));
        Assert.Multiple(async () =>
        {
            Assert.That(await Database.ScalarAsync<string>("SELECT failure FROM tracks"), Is.EqualTo("corrupt"));
            // The step that met the damage says so; steps running beside it were stopped ("Stopped."), in no fixed order.
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM track_processing_steps WHERE state = 'failed' AND detail = @detail", ("detail", TrackFailure.Corrupt.Describe())), Is.EqualTo(1));
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM track_processing_steps WHERE state = 'failed' AND detail NOT IN (@detail, 'Stopped.')", ("detail", TrackFailure.Corrupt.Describe())), Is.Zero);
            Assert.That(Directory.GetFiles(Path.Combine(_storageRoot, "tracks", id.ToString("N")), "*", SearchOption.AllDirectories).Select(Path.GetFileName),
                Is.EqualTo(new[] { "original" }));
        });
        // The track turns failed in the handler's commit; the worker settles the job just after it.
        Assert.That(await Eventually.TrueAsync(async () => await Database.ScalarAsync<string>("SELECT state FROM jobs WHERE kind = 'tracks.process'") == JobStates.Succeeded),
            Is.True, "the file's fault: the job ends without a retry");
    }

    [Test]
    public async Task A_job_whose_worker_stops_mid_way_is_handed_back_and_completes_after_a_restart()
    {
        var oneAtATime = new Dictionary<string, string?> { ["Media:MaxAudioProcesses"] = "1" };
        await using var stopped = Node(oneAtATime);
        var id = await UploadAsync(stopped, await TestAudio.MakeToneAsync(Path.Combine(_temp, "tone.wav"), 15), AudioFormat.Wav);
        var worker = stopped.GetRequiredService<JobWorker>();
        await worker.StartAsync(CancellationToken.None);
        Assert.That(await Eventually.TrueAsync(async () => await Database.ScalarAsync<long>("SELECT count(*) FROM track_processing_steps WHERE state = 'done'") >= 1, TimeSpan.FromSeconds(60)), Is.True);

        await worker.StopAsync(CancellationToken.None);
        Assert.That(await Database.ScalarAsync<string>("SELECT status FROM tracks"), Is.EqualTo("processing"), "stopped mid-way");
        Assert.That(await Database.ScalarAsync<string>("SELECT state FROM jobs WHERE kind = 'tracks.process'"), Is.EqualTo(JobStates.Pending));

        await using var restarted = Node();
        await StartWorkerAsync(restarted);

        Assert.That(await WaitForOutcomeAsync(id), Is.EqualTo("ready"), await StepsAsync(id));
        Assert.That(await Database.ScalarAsync<int>("SELECT attempts FROM jobs WHERE kind = 'tracks.process'"), Is.EqualTo(1), "a hand-back spends no attempt");
    }

    [Test]
    public async Task A_job_whose_process_is_killed_mid_way_completes_on_another_node_once_its_lease_runs_out()
    {
        await using var survivor = Node(new Dictionary<string, string?> { ["Jobs:LeaseDuration"] = "00:00:03" });
        var id = await UploadAsync(survivor, await TestAudio.MakeToneAsync(Path.Combine(_temp, "tone.wav"), 15), AudioFormat.Wav);
        using (var doomed = CrashTestNodeProcess.Start(Database.ConnectionString, "process-tracks", _storageRoot))
        {
            Assert.That(await Eventually.TrueAsync(async () => await Database.ScalarAsync<long>("SELECT count(*) FROM track_processing_steps WHERE state = 'running' AND step <> 'probe'") >= 1,
                TimeSpan.FromSeconds(60)), Is.True, doomed.Output);
            doomed.Kill();
        }

        Assert.That(await Database.ScalarAsync<string>("SELECT status FROM tracks"), Is.EqualTo("processing"), "killed mid-way");
        await StartWorkerAsync(survivor);

        Assert.That(await WaitForOutcomeAsync(id), Is.EqualTo("ready"), await StepsAsync(id));
        Assert.That(await Database.ScalarAsync<int>("SELECT attempts FROM jobs WHERE kind = 'tracks.process'"), Is.EqualTo(2));
        Assert.That(await Database.ScalarAsync<long>("SELECT stored_bytes FROM tracks"), Is.EqualTo(StoredBytesOnDisk(id)), "the re-run overwrote, never added");
    }

    private ServiceProvider Node(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?> { ["Jobs:PollInterval"] = "00:00:00.050" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return InfrastructureHost.CreateWithApplication(Database, _storageRoot, all);
    }

    /// <summary>What the upload does: the original in storage, the track row and its job in one commit.</summary>
    private static async Task<Guid> UploadAsync(IServiceProvider node, string source, AudioFormat format)
    {
        var owner = User.Register($"dj_{Guid.NewGuid():N}"[..20], $"{Guid.NewGuid():N}@example.com", "h", Now);
        await MigrationAndPersistenceTests.SaveUserAsync(node, owner);
        var id = Guid.NewGuid();
        await using var scope = node.CreateAsyncScope();
        var services = scope.ServiceProvider;
        long bytes;
        await using (var file = File.OpenRead(source))
        {
            bytes = await services.GetRequiredService<IFileStorage>().SaveAsync(TrackFiles.Original(id), file, CancellationToken.None);
        }

        var unitOfWork = services.GetRequiredService<IUnitOfWork>();
        await using var transaction = await unitOfWork.BeginTransactionAsync(CancellationToken.None);
        services.GetRequiredService<ITrackRepository>().Add(Track.Upload(id, owner.Id, new TrackDetails(null, null, null, [], TrackVisibility.Public),
            new StoredOriginal(TrackFiles.Original(id), format, bytes, Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()).PadRight(64, '0'), Path.GetFileNameWithoutExtension(source)), Now));
        services.GetRequiredService<IJobScheduler>().Enqueue(new ProcessTrackJob(id));
        await unitOfWork.SaveChangesAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        return id;
    }

    private static async Task StartWorkerAsync(IServiceProvider node) => await node.GetRequiredService<JobWorker>().StartAsync(CancellationToken.None);

    private async Task<string?> WaitForOutcomeAsync(Guid id)
    {
        await Eventually.TrueAsync(async () => await Database.ScalarAsync<string>("SELECT status FROM tracks WHERE id = @id", ("id", id)) != "processing", TimeSpan.FromSeconds(120));
        return await Database.ScalarAsync<string>("SELECT status FROM tracks WHERE id = @id", ("id", id));
    }

    private async Task<string> StepsAsync(Guid id) =>
        await Database.ScalarAsync<string>(
            "SELECT string_agg(step || ':' || state, ' ' ORDER BY array_position(ARRAY['probe','mp3_128','mp3_320','hls','loudness','waveform','artwork'], step::text)) FROM track_processing_steps WHERE track_id = @id",
            ("id", id)) ?? "no steps";

    private string Stored(string key) => Path.Combine(_storageRoot, key.Replace('/', Path.DirectorySeparatorChar));

    private long StoredBytesOnDisk(Guid id) =>
        // Not a killed node's half-written temporary files (".name.guid.tmp"), which no key names.
        Directory.GetFiles(Path.Combine(_storageRoot, "tracks", id.ToString("N")), "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetFileName(f).StartsWith('.')).Sum(f => new FileInfo(f).Length);

    /// <summary>Codec exact, duration within 0.2 s, bit rate within 3%.</summary>
    private static bool Close((string Codec, double Duration, int Kbps) actual, (string Codec, double Duration, int Kbps) expected) =>
        actual.Codec == expected.Codec && Math.Abs(actual.Duration - expected.Duration) <= 0.2 && Math.Abs(actual.Kbps - expected.Kbps) <= expected.Kbps * 0.03;
}
