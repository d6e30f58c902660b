using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Veza.Application.Common.Jobs;
using Veza.Application.Tracks.Processing;
using Veza.Domain.Media;
using Veza.Domain.Ports;
using Veza.Domain.Tracks;
using Veza.Infrastructure.Media;
using Veza.Testing;
using Veza.TestKit;

namespace Veza.Benchmarks;

/// <summary>
/// Processing wall time of a 5-minute stereo 44.1 kHz WAV into every variant (the real job handler: copy
/// out of storage, probe, MP3 128 and 320, HLS, loudness, waveform, uploads, the outcome's commit) against
/// the same ffmpeg/ffprobe argument lists run one after another. The job runs its steps side by side, so
/// the ratio (job / sequential) should be at most 1.0 on a machine with two cores or more.
/// </summary>
public static class ProcessingBenchmark
{
    public const double Seconds = 300;

    public static async Task<int> RunAsync(string[] args)
    {
        var runs = args.Length > 0 && int.TryParse(args[0], out var r) ? r : 1;
        var work = Directory.CreateTempSubdirectory("veza-bench-processing-").FullName;
        try
        {
            var source = await TestAudio.MakeToneAsync(Path.Combine(work, "tone.wav"), Seconds);
            Console.WriteLine($"# {Seconds:0} s stereo 44.1 kHz WAV ({new FileInfo(source).Length / 1048576.0:0.0} MB), {Environment.ProcessorCount} cores, {runs} run(s) each");

            await using var database = await TestDatabase.CreateAsync();
            await using var factory = new ProcessingBenchmarkFactory(database.ConnectionString, Path.Combine(work, "storage"));
            using var client = factory.CreateClient();
            using var register = await client.PostAsJsonAsync("/api/v1/auth/register", new { username = "bench_user", email = "bench@example.com", password = "violet-tape-deck-42" });
            var owner = Guid.Parse(JsonNode.Parse(await register.Content.ReadAsStringAsync())!["data"]!["user"]!["id"]!.GetValue<string>());

            var sequential = new List<TimeSpan>();
            var job = new List<TimeSpan>();
            for (var i = 0; i < runs; i++)
            {
                sequential.Add(await SequentialAsync(source, Path.Combine(work, $"sequential-{i}")));
                job.Add(await JobAsync(factory.Services, owner, source, i));
            }

            var baseline = sequential.Min();
            var ours = job.Min();
            Console.WriteLine($"sequential ffmpeg commands (baseline): {baseline.TotalSeconds:0.00} s");
            Console.WriteLine($"processing job (parallel steps):       {ours.TotalSeconds:0.00} s");
            Console.WriteLine($"ratio job / sequential: {ours / baseline:0.00}x (goal <= 1.0x)");
            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>The job's tool runs one after another, with the adapter's own argument lists (the waveform's samples to a file).</summary>
    private static async Task<TimeSpan> SequentialAsync(string source, string directory)
    {
        Directory.CreateDirectory(Path.Combine(directory, "hls", "96k"));
        Directory.CreateDirectory(Path.Combine(directory, "hls", "192k"));
        var format = AudioFormat.Wav;
        var timer = Stopwatch.StartNew();
        await RunAsync("ffprobe", FfmpegAudioArguments.Probe(source, format));
        await RunAsync("ffmpeg", FfmpegAudioArguments.Mp3(source, format, 128, Path.Combine(directory, "128.mp3")));
        await RunAsync("ffmpeg", FfmpegAudioArguments.Mp3(source, format, 320, Path.Combine(directory, "320.mp3")));
        await RunAsync("ffmpeg", FfmpegAudioArguments.Hls(source, format, Path.Combine(directory, "hls")));
        await RunAsync("ffmpeg", FfmpegAudioArguments.Loudness(source, format));
        await RunAsync("ffmpeg", [.. FfmpegAudioArguments.WaveformSamples(source, format).SkipLast(1), "-y", Path.Combine(directory, "samples.f32")]);
        return timer.Elapsed;
    }

    /// <summary>Stores the original and the row as the upload does, then runs the job's handler as the worker would.</summary>
    private static async Task<TimeSpan> JobAsync(IServiceProvider services, Guid owner, string source, int run)
    {
        var id = Guid.NewGuid();
        await using (var scope = services.CreateAsyncScope())
        {
            var sp = scope.ServiceProvider;
            long bytes;
            await using (var file = File.OpenRead(source))
            {
                bytes = await sp.GetRequiredService<IFileStorage>().SaveAsync(TrackFiles.Original(id), file, CancellationToken.None);
            }

            var unitOfWork = sp.GetRequiredService<IUnitOfWork>();
            await using var transaction = await unitOfWork.BeginTransactionAsync(CancellationToken.None);
            sp.GetRequiredService<ITrackRepository>().Add(Track.Upload(id, owner, new TrackDetails("Bench", null, null, [], TrackVisibility.Public),
                new StoredOriginal(TrackFiles.Original(id), AudioFormat.Wav, bytes, $"{run:D64}", "bench"), DateTimeOffset.UtcNow));
            await unitOfWork.SaveChangesAsync(CancellationToken.None);
            await transaction.CommitAsync(CancellationToken.None);
        }

        var timer = Stopwatch.StartNew();
        await using (var scope = services.CreateAsyncScope())
        {
            var registration = scope.ServiceProvider.GetServices<JobKindRegistration>().Single(k => k.JobType == typeof(ProcessTrackJob));
            await registration.Run(scope.ServiceProvider, new ProcessTrackJob(id), CancellationToken.None);
        }

        var elapsed = timer.Elapsed;
        await using (var scope = services.CreateAsyncScope())
        {
            var track = await scope.ServiceProvider.GetRequiredService<ITrackRepository>().GetAsync(id, CancellationToken.None);
            if (track is not { Status: TrackStatus.Ready, HasMp3320: true })
            {
                throw new InvalidOperationException($"The benchmark track ended {track?.Status} ({track?.Failure}).");
            }
        }

        return elapsed;
    }

    private static async Task RunAsync(string tool, IReadOnlyList<string> arguments)
    {
        var outcome = await ExternalProcess.RunAsync(tool, arguments, TimeSpan.FromMinutes(10), CancellationToken.None);
        if (outcome.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} failed: {outcome.StandardError}");
        }
    }
}

public sealed class ProcessingBenchmarkFactory(string connectionString, string storageRoot) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        BenchmarkFactory.Configure(builder, connectionString);
        builder.UseSetting("Storage:Root", storageRoot);
        // The benchmark runs the job itself, timed; the worker would race it for the same track.
        builder.UseSetting("Jobs:WorkerEnabled", "false");
    }
}
