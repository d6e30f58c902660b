using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Veza.Domain.Tracks;
using Veza.Testing;
using Veza.TestKit;

namespace Veza.Benchmarks;

/// <summary>
/// The byte route against nginx (issue 10). One 10 MB MP3 on one disk, served by nginx (sendfile on, as
/// many workers as cores, its own config in a temporary prefix) and by the API as its own process (the
/// built Veza.Api.dll, production settings) through a signed URL; wrk drives both in the same run, whole
/// files and random 256 KB ranges. Ratios API/nginx are printed with the goals (>= 0.8 whole, >= 0.6
/// ranges). Then 1,000 listeners paced at 128 kbps read the track for a while: the API's peak resident
/// set (VmHWM) and whether every listener got every byte it should have. Printed, never asserted.
/// </summary>
public static class StreamBenchmark
{
    private const string Password = "violet-tape-deck-42";
    private const int RangeBytes = 256 * 1024;
    private const int PacedBytesPerSecond = 16_000;

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = args.Length > 0 && int.TryParse(args[0], out var s) ? s : 10;
        var listeners = args.Length > 1 && int.TryParse(args[1], out var l) ? l : 1000;
        var listenSeconds = args.Length > 2 && int.TryParse(args[2], out var ls) ? ls : 60;
        var work = Path.Combine(Path.GetTempPath(), "veza-stream-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        Process? nginx = null;
        try
        {
            var mp3 = Path.Combine(work, "track.mp3");
            await RunAsync("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "sine=frequency=440:duration=655", "-ac", "2", "-b:a", "128k", "-y", mp3);
            var bytes = await File.ReadAllBytesAsync(mp3);
            Console.WriteLine($"# stream benchmark: a {bytes.Length / 1e6:0.0} MB MP3; wrk -t2, {seconds} s per measure after a 3 s warm-up; files under {work}");

            await using var database = await TestDatabase.CreateAsync();
            var storage = Path.Combine(work, "storage");
            using var api = await ApiProcess.StartAsync(database.ConnectionString, storage, new Dictionary<string, string>
            {
                ["RateLimiting__Policies__stream__PermitLimit"] = "100000000",
                ["RateLimiting__Policies__stream-ip__PermitLimit"] = "100000000",
            });
            using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = listeners + 10 }) { BaseAddress = api.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
            using var register = await client.PostAsJsonAsync("/api/v1/auth/register", new { username = "bench_user", email = "bench@example.com", password = Password });
            var data = JsonNode.Parse(await register.Content.ReadAsStringAsync())!["data"]!;
            var token = data["access_token"]!.GetValue<string>();
            var trackId = Guid.CreateVersion7();
            await database.ScalarAsync<int>(
                """
                INSERT INTO tracks (id, owner_id, title, title_from_file_name, visibility, status, original_key, original_format, original_bytes, content_hash,
                                    stored_bytes, duration, has_mp3128, processed_at, created_at, updated_at)
                VALUES (@id, @owner, 'Bench', false, 'public', 'ready', 'tracks/bench/original', 'mp3', @size, repeat('b', 64), @size, interval '655 seconds', true, now(), now(), now())
                RETURNING 1
                """,
                ("id", trackId), ("owner", data["user"]!["id"]!.GetValue<Guid>()), ("size", (long)bytes.Length));
            var stored = Path.Combine(storage, TrackFiles.Mp3(trackId, 128));
            Directory.CreateDirectory(Path.GetDirectoryName(stored)!);
            File.Copy(mp3, stored);
            client.DefaultRequestHeaders.Authorization = new("Bearer", token);
            var urls = JsonNode.Parse(await client.GetStringAsync($"/api/v1/tracks/{trackId}/stream"))!["data"]!["urls"]!;
            var apiUrl = new Uri(api.BaseAddress, urls["mp3_128"]!.GetValue<string>()).ToString();
            // A benchmark of error answers measures nothing: the signed route must serve the file, as wrk asks (no credentials), first.
            using (var anonymous = new HttpClient())
            using (var probe = await anonymous.GetAsync(apiUrl))
            {
                var body = await probe.Content.ReadAsByteArrayAsync();
                if (probe.StatusCode != HttpStatusCode.OK || !body.AsSpan().SequenceEqual(bytes))
                {
                    throw new InvalidOperationException($"The signed stream URL answered {(int)probe.StatusCode} with {body.Length} bytes, not the file.");
                }
            }

            var nginxPort = ApiProcess.FreePort();
            nginx = StartNginx(work, mp3, nginxPort);
            var nginxUrl = $"http://127.0.0.1:{nginxPort}/track.mp3";
            await WaitForAsync(nginxUrl);

            var ranges = Path.Combine(work, "ranges.lua");
            await File.WriteAllTextAsync(ranges, string.Create(CultureInfo.InvariantCulture, $$"""
                math.randomseed(os.time())
                request = function()
                  local from = math.random(0, {{bytes.Length - RangeBytes}})
                  return wrk.format(nil, nil, { ["Range"] = "bytes=" .. from .. "-" .. (from + {{RangeBytes - 1}}) })
                end
                """));

            var nginxWhole = await HttpBenchmark.MeasureAsync(nginxUrl, "", seconds, 8);
            var apiWhole = await HttpBenchmark.MeasureAsync(apiUrl, "", seconds, 8);
            var nginxRanges = await HttpBenchmark.MeasureAsync(nginxUrl, "", seconds, 32, "-s", ranges);
            var apiRanges = await HttpBenchmark.MeasureAsync(apiUrl, "", seconds, 32, "-s", ranges);
            HttpBenchmark.Report("nginx whole 10 MB", nginxWhole);
            HttpBenchmark.Report("API whole 10 MB", apiWhole);
            HttpBenchmark.Report("nginx 256 KB ranges", nginxRanges);
            HttpBenchmark.Report("API 256 KB ranges", apiRanges);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ratio API/nginx whole files: {apiWhole.RequestsPerSecond / nginxWhole.RequestsPerSecond:0.00} (goal >= 0.80); 256 KB ranges: {apiRanges.RequestsPerSecond / nginxRanges.RequestsPerSecond:0.00} (goal >= 0.60)"));

            await ListenersAsync(api, client, apiUrl, bytes, listeners, listenSeconds);
            return 0;
        }
        finally
        {
            if (nginx is { HasExited: false })
            {
                nginx.Kill(entireProcessTree: true);
                await nginx.WaitForExitAsync();
            }

            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>Each listener reads 16,000 bytes a second (128 kbps) for the given time and checks each byte against the file.</summary>
    private static async Task ListenersAsync(ApiProcess api, HttpClient client, string url, byte[] expected, int listeners, int seconds)
    {
        var before = api.ResidentBytes();
        api.ResetPeak();
        var started = Stopwatch.StartNew();
        var results = await Task.WhenAll(Enumerable.Range(0, listeners).Select(async i =>
        {
            await Task.Delay(i % 1000);  // arrivals spread over a second
            using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
            await using var body = await response.Content.ReadAsStreamAsync();
            var buffer = new byte[PacedBytesPerSecond];
            long received = 0;
            var correct = true;
            var clock = Stopwatch.StartNew();
            for (var second = 1; second <= seconds; second++)
            {
                await body.ReadExactlyAsync(buffer);
                correct &= buffer.AsSpan().SequenceEqual(expected.AsSpan((int)received, buffer.Length));
                received += buffer.Length;
                var wait = TimeSpan.FromSeconds(second) - clock.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }
            }

            return (Received: received, Correct: correct);
        }));
        var peak = api.PeakResidentBytes();
        var complete = results.Count(r => r.Correct && r.Received == (long)PacedBytesPerSecond * seconds);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{listeners} listeners at 128 kbps for {seconds} s ({started.Elapsed.TotalSeconds:0} s wall): {complete} got every byte, correct and in order; " +
            $"API resident set before {before / 1048576.0:0} MiB, peak {peak / 1048576.0:0} MiB (goal < 300 MB)"));
    }

    private static Process StartNginx(string work, string file, int port)
    {
        var root = Path.Combine(work, "nginx-root");
        Directory.CreateDirectory(root);
        File.CreateSymbolicLink(Path.Combine(root, "track.mp3"), file);
        var config = Path.Combine(work, "nginx.conf");
        File.WriteAllText(config, string.Create(CultureInfo.InvariantCulture, $$"""
            daemon off;
            master_process on;
            worker_processes auto;
            pid {{work}}/nginx.pid;
            error_log {{work}}/nginx-error.log warn;
            {{(Environment.UserName == "root" ? "user root;" : string.Empty)}}
            events { worker_connections 4096; }
            http {
              access_log off;
              sendfile on;
              tcp_nopush on;
              keepalive_requests 1000000;
              types { audio/mpeg mp3; }
              server {
                listen 127.0.0.1:{{port}};
                root {{root}};
              }
            }
            """));
        var start = new ProcessStartInfo("nginx") { UseShellExecute = false, RedirectStandardError = true };
        foreach (var argument in new[] { "-p", work, "-c", config })
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("nginx could not start (build/bench.sh installs it).");
    }

    private static async Task WaitForAsync(string url)
    {
        using var probe = new HttpClient();
        var up = await Eventually.TrueAsync(async () =>
        {
            try
            {
                using var response = await probe.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));
                return response.StatusCode == HttpStatusCode.OK;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(20));
        if (!up)
        {
            throw new InvalidOperationException("nginx did not start.");
        }
    }

    private static async Task RunAsync(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { UseShellExecute = false, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} failed: {error}");
        }
    }
}
