using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Veza.Domain.Tracks;
using Veza.Testing;
using Veza.TestKit;

namespace Veza.Benchmarks;

/// <summary>
/// One station, many listeners (issue 12): the API (its own process, its encoder a child ffmpeg) serves N
/// listeners of live.mp3 for S seconds; then icecast2, fed the same stream by one ffmpeg source, serves N
/// listeners too, in the same run. Prints CPU (process time over wall time) and peak memory of the API,
/// its encoder and icecast2, listeners per core of each, and whether every listener received 128 kbps.
/// </summary>
public static class RadioBenchmark
{
    private const string Password = "violet-tape-deck-42";
    private const int BytesPerSecond = 16_000;

    public static async Task<int> RunAsync(string[] args)
    {
        var listeners = args.Length > 0 && int.TryParse(args[0], out var l) ? l : 1000;
        var seconds = args.Length > 1 && int.TryParse(args[1], out var s) ? s : 60;
        var work = Directory.CreateTempSubdirectory("veza-radio-bench-").FullName;
        IcecastServer? icecast = null;
        Process? source = null;
        try
        {
            var mp3 = Path.Combine(work, "tone.mp3");
            await RunToolAsync("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "sine=frequency=440:duration=120", "-c:a", "libmp3lame", "-b:a", "128k", "-ar", "44100", "-ac", "2", "-y", mp3);
            await using var database = await TestDatabase.CreateAsync();
            var storage = Path.Combine(work, "storage");
            using var api = await ApiProcess.StartAsync(database.ConnectionString, storage, new Dictionary<string, string> { ["Radio__IdleTimeout"] = "00:10:00" });
            using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = listeners + 10 }) { BaseAddress = api.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
            using var register = await client.PostAsJsonAsync("/api/v1/auth/register", new { username = "bench_dj", email = "dj@example.com", password = Password });
            var data = JsonNode.Parse(await register.Content.ReadAsStringAsync())!["data"]!;
            client.DefaultRequestHeaders.Authorization = new("Bearer", data["access_token"]!.GetValue<string>());
            var trackId = Guid.CreateVersion7();
            await database.ScalarAsync<int>(
                """
                INSERT INTO tracks (id, owner_id, title, title_from_file_name, visibility, status, original_key, original_format, original_bytes, content_hash,
                                    stored_bytes, duration, has_mp3128, tags, processed_at, created_at, updated_at)
                VALUES (@id, @owner, 'Bench tone', false, 'public', 'ready', 'tracks/bench/original', 'mp3', 1, repeat('r', 64), 1, interval '120 seconds', true,
                        '{bench}', now(), now(), now())
                RETURNING 1
                """,
                ("id", trackId), ("owner", data["user"]!["id"]!.GetValue<Guid>()));
            var stored = Path.Combine(storage, TrackFiles.Mp3(trackId, 128));
            Directory.CreateDirectory(Path.GetDirectoryName(stored)!);
            File.Copy(mp3, stored);
            using var created = await client.PostAsJsonAsync("/api/v1/radio/stations", new { name = "Bench FM", slug = "bench-fm" });
            var station = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["data"]!["id"]!.GetValue<Guid>();
            (await client.PutAsJsonAsync($"/api/v1/radio/stations/{station}/rotation", new { tags = new[] { "bench" } })).EnsureSuccessStatusCode();
            var stationBody = JsonNode.Parse(await client.GetStringAsync($"/api/v1/radio/stations/{station}"))!;
            var live = new Uri(api.BaseAddress, stationBody["data"]!["station"]!["stream_url"]!.GetValue<string>());

            Console.WriteLine($"# {listeners} listeners of one station for {seconds} s each; the API as its own process; icecast2 in the same run");
            // The station on air first (its encoder started), so the measure is the fan-out, not the start.
            using var keeper = await client.GetAsync(live, HttpCompletionOption.ResponseHeadersRead);
            await Task.Delay(2000);
            var apiRun = await MeasureAsync(client, live, listeners, seconds, [api.Pid], [.. Children(api.Pid, "ffmpeg")], () => api.ResetPeak(), () => api.PeakResidentBytes());
            Report("API", apiRun);

            icecast = IcecastServer.Start();
            source = StartSource(live, icecast.Port);
            await icecast.WaitForMountAsync("/bench.mp3");
            var mount = new Uri(icecast.BaseAddress, "/bench.mp3");
            var pid = icecast.Pid;
            var icecastRun = await MeasureAsync(client, mount, listeners, seconds, [pid], [], () => ProcessMeter.ResetPeak(pid), () => ProcessMeter.PeakResidentBytes(pid));
            Report("icecast2", icecastRun);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"listeners per core, API/icecast2: {apiRun.ListenersPerCore / icecastRun.ListenersPerCore:0.00} (goal >= 1.00); " +
                $"fan-out CPU over the encoder's: {apiRun.ServerCores / Math.Max(apiRun.EncoderCores, 1e-6):0.00} (goal <= 0.10 more than the encoder); API peak memory {apiRun.PeakBytes / 1048576.0:0} MiB (goal < 200 MB)"));
            return 0;
        }
        finally
        {
            if (source is { HasExited: false })
            {
                source.Kill(entireProcessTree: true);
                await source.WaitForExitAsync();
            }

            icecast?.Dispose();

            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<RunResult> MeasureAsync(
        HttpClient client, Uri url, int listeners, int seconds, int[] servers, int[] encoders, Action resetPeak, Func<long> peak)
    {
        resetPeak();
        var serverBefore = servers.Sum(ProcessMeter.CpuSeconds);
        var encoderBefore = encoders.Sum(ProcessMeter.CpuSeconds);
        var wall = Stopwatch.StartNew();
        var received = await Task.WhenAll(Enumerable.Range(0, listeners).Select(async i =>
        {
            await Task.Delay(i % 1000);  // arrivals spread over a second
            using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
            await using var body = await response.Content.ReadAsStreamAsync();
            var buffer = new byte[16384];
            long total = 0;
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
            try
            {
                int read;
                while ((read = await body.ReadAsync(buffer, stop.Token)) > 0)
                {
                    total += read;
                }
            }
            catch (OperationCanceledException)
            {
            }

            return total;
        }));
        var elapsed = wall.Elapsed.TotalSeconds;
        var serverCores = (servers.Sum(ProcessMeter.CpuSeconds) - serverBefore) / elapsed;
        var encoderCores = (encoders.Sum(ProcessMeter.CpuSeconds) - encoderBefore) / elapsed;
        // A listener kept up when it got at least 97 % of 128 kbps over its time (the join burst comes on top).
        var keptUp = received.Count(r => r >= 0.97 * BytesPerSecond * seconds);
        return new RunResult(listeners, keptUp, received.Min(), received.Order().ElementAt(received.Length / 2), serverCores, encoderCores, peak(),
            listeners / Math.Max(serverCores + encoderCores, 1e-6));
    }

    private static void Report(string name, RunResult r) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-9} {r.KeptUp}/{r.Listeners} kept up at 128 kbps (min {r.MinBytes / 1000} KB, median {r.MedianBytes / 1000} KB); server {r.ServerCores:0.000} cores, encoder {r.EncoderCores:0.000} cores; " +
            $"{r.ListenersPerCore:0} listeners per core; peak {r.PeakBytes / 1048576.0:0} MiB"));

    private sealed record RunResult(int Listeners, int KeptUp, long MinBytes, long MedianBytes, double ServerCores, double EncoderCores, long PeakBytes, double ListenersPerCore);

    private static IEnumerable<int> Children(int parent, string name) =>
        Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Where(d => int.TryParse(d, out _)).Select(int.Parse!).Where(pid =>
        {
            try
            {
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                var comm = stat[(stat.IndexOf('(') + 1)..stat.LastIndexOf(')')];
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                return comm == name && int.Parse(fields[1], CultureInfo.InvariantCulture) == parent;
            }
            catch (IOException)
            {
                return false;
            }
        });

    /// <summary>One ffmpeg source relays the station's stream into icecast2 as it is (no re-encoding).</summary>
    private static Process StartSource(Uri live, int port) =>
        Process.Start(new ProcessStartInfo("ffmpeg",
            ["-nostdin", "-v", "error", "-i", live.ToString(), "-c", "copy", "-content_type", "audio/mpeg", "-f", "mp3", $"icecast://source:{IcecastServer.SourcePassword}@127.0.0.1:{port}/bench.mp3"])
        { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true })!;

    private static async Task RunToolAsync(string tool, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(tool, arguments) { UseShellExecute = false, RedirectStandardError = true })!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} failed: {error}");
        }
    }
}
