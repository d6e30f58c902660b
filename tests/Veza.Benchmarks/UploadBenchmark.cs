using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Veza.Testing;
using Veza.TestKit;

namespace Veza.Benchmarks;

/// <summary>
/// POST /api/v1/tracks against the machine itself. The API runs as its own process (the built Veza.Api.dll,
/// production settings), so its memory is its own: the client is this process, streaming from a file.
/// Throughput: a 100 MB upload through the API (multipart over loopback HTTP, SHA-256 and sniffing on the
/// way, atomic write with fsync) against copying the same bytes to the same disk with fsync, best of a
/// few runs each; the ratio is what compares across machines (goal >= 0.5). Memory: the API's peak
/// resident set (VmHWM, reset just before) during a 200 MB upload, less its resident set before it
/// (goal < 64 MB). Printed, never asserted.
/// </summary>
public static class UploadBenchmark
{
    private const string Password = "violet-tape-deck-42";
    private const long ThroughputBytes = 100L * 1000 * 1000;
    private const long MemoryBytes = 200L * 1000 * 1000;

    public static async Task<int> RunAsync(string[] args)
    {
        var runs = args.Length > 0 && int.TryParse(args[0], out var r) ? r : 3;
        var work = Path.Combine(Path.GetTempPath(), "veza-upload-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            await using var database = await TestDatabase.CreateAsync();
            using var api = await ApiProcess.StartAsync(database.ConnectionString, Path.Combine(work, "storage"));
            using var client = new HttpClient { BaseAddress = api.BaseAddress, Timeout = TimeSpan.FromMinutes(10) };
            using var register = await client.PostAsJsonAsync("/api/v1/auth/register", new { username = "bench_user", email = "bench@example.com", password = Password });
            var token = JsonNode.Parse(await register.Content.ReadAsStringAsync())!["data"]!["access_token"]!.GetValue<string>();
            client.DefaultRequestHeaders.Authorization = new("Bearer", token);

            var source = Path.Combine(work, "source.wav");
            await WriteWavAsync(source, ThroughputBytes);
            Console.WriteLine($"# upload benchmark: API process {api.Pid}, storage and copies under {work}; best of {runs} runs");

            // Warm-up: JIT, connection, page cache of the source.
            await UploadAsync(client, source, 0);
            await CopyAsync(source, Path.Combine(work, "warm-copy"));

            var upload = TimeSpan.MaxValue;
            var copy = TimeSpan.MaxValue;
            for (var run = 1; run <= runs; run++)
            {
                var copyTime = await CopyAsync(source, Path.Combine(work, $"copy-{run}"));
                var uploadTime = await UploadAsync(client, source, run);
                copy = copyTime < copy ? copyTime : copy;
                upload = uploadTime < upload ? uploadTime : upload;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"run {run}: copy {Mbps(ThroughputBytes, copyTime),7:0.0} MB/s   upload {Mbps(ThroughputBytes, uploadTime),7:0.0} MB/s"));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"100 MB: copy on the same disk {Mbps(ThroughputBytes, copy):0.0} MB/s, upload through the API {Mbps(ThroughputBytes, upload):0.0} MB/s"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio upload/copy throughput: {copy.TotalSeconds / upload.TotalSeconds:0.00} (goal >= 0.50)"));

            var big = Path.Combine(work, "big.wav");
            await WriteWavAsync(big, MemoryBytes);
            var before = api.ResidentBytes();
            api.ResetPeak();
            var bigTime = await UploadAsync(client, big, 1000);
            var peak = api.PeakResidentBytes();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"200 MB upload: {Mbps(MemoryBytes, bigTime):0.0} MB/s; API resident set before {before / 1048576.0:0.0} MiB, peak during {peak / 1048576.0:0.0} MiB"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"API memory growth during a 200 MB upload: {(peak - before) / 1048576.0:0.0} MiB (goal < 64 MB)"));
            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static double Mbps(long bytes, TimeSpan time) => bytes / 1e6 / time.TotalSeconds;

    /// <summary>A WAV header (so the upload is audio) and random bytes; the run number goes into the data, so no upload is a duplicate.</summary>
    private static async Task WriteWavAsync(string path, long length)
    {
        await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20, FileOptions.Asynchronous);
        var block = new byte[1 << 20];
        Random.Shared.NextBytes(block);
        "RIFF"u8.CopyTo(block);
        "WAVEfmt "u8.CopyTo(block.AsSpan(8));
        for (long written = 0; written < length; written += block.Length)
        {
            await file.WriteAsync(block.AsMemory(0, (int)Math.Min(block.Length, length - written)));
            block[100] ^= 0x5A;
        }
    }

    private static async Task<TimeSpan> UploadAsync(HttpClient client, string path, int run)
    {
        await using (var patch = new FileStream(path, FileMode.Open, FileAccess.Write))
        {
            patch.Position = 64;
            await patch.WriteAsync(BitConverter.GetBytes(run));
        }

        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        using var content = new MultipartFormDataContent { { new StringContent($"bench {run}"), "title" } };
        var part = new StreamContent(file, 1 << 16);
        part.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
        content.Add(part, "file", "bench.wav");
        var watch = Stopwatch.StartNew();
        using var response = await client.PostAsync("/api/v1/tracks", content);
        watch.Stop();
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"upload answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return watch.Elapsed;
    }

    /// <summary>What the storage adapter does, without the API: stream to a new file on the same disk and flush it to the device.</summary>
    private static async Task<TimeSpan> CopyAsync(string source, string target)
    {
        var watch = Stopwatch.StartNew();
        await using (var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan))
        await using (var output = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
        {
            await input.CopyToAsync(output);
            output.Flush(flushToDisk: true);
        }

        watch.Stop();
        File.Delete(target);
        return watch.Elapsed;
    }
}
