using System.Globalization;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using Veza.TestKit;
using Veza.Testing;

namespace Veza.Benchmarks;

/// <summary>
/// The cost of metrics and tracing on GET /api/v1/auth/me: the same API with <c>Metrics:Enabled=false</c> and no
/// <c>Otlp:Endpoint</c> ("without") against metrics on, scraped every 5 s, and every span exported over OTLP
/// (http/protobuf) to a sink in this process ("with", every trace and 10% of them). One host at a time (activity
/// listeners are process-wide, so two hosts side by side would both pay for tracing), after an uncounted warm-up
/// round, alternating on one database so drift on the shared cores falls on every side. Goal: "with" keeps at
/// least 95% of the requests/s.
/// </summary>
public static class TelemetryBenchmark
{
    private const string Password = "violet-tape-deck-42";

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = args.Length > 0 && int.TryParse(args[0], out var s) ? s : 10;
        var connections = args.Length > 1 && int.TryParse(args[1], out var c) ? c : 32;
        await using var database = await TestDatabase.CreateAsync();
        await using var sink = await OtlpSink.StartAsync();
        Console.WriteLine($"# wrk -t2 -c{connections} -d{seconds}s per round after a 3 s warm-up; rounds: warm-up, without, all spans, 10%, twice (one host at a time)");

        // A first round warms the machine (JIT, database caches) and is not counted; then
        // without, all spans, 10% of traces, twice over.
        double?[] rounds = [null, null, 1.0, 0.1, null, 1.0, 0.1];
        var results = new List<(double? Ratio, HttpBenchmark.WrkResult Result)>();
        string? token = null;
        for (var round = 0; round < rounds.Length; round++)
        {
            var sampleRatio = rounds[round];
            var telemetry = sampleRatio is not null;
            await using var factory = new TelemetryFactory(database.ConnectionString, telemetry ? sink.Endpoint : null, sampleRatio ?? 1.0);
            factory.UseKestrel(0);
            factory.StartServer();
            using var client = factory.CreateClient();
            token ??= await RegisterAsync(client);
            var baseUrl = client.BaseAddress!.ToString().TrimEnd('/');
            using var scrapes = new CancellationTokenSource();
            var scraped = new StrongBox<int>();
            var scraping = telemetry ? ScrapeEveryFiveSecondsAsync(client, scraped, scrapes.Token) : Task.CompletedTask;
            var result = await HttpBenchmark.MeasureAsync($"{baseUrl}/api/v1/auth/me", token, seconds, connections);
            await scrapes.CancelAsync();
            await scraping;
            var name = round == 0 ? "warm-up (not counted)" : telemetry ? $"with, sampling {sampleRatio:P0} ({scraped.Value} scrapes)" : "without telemetry";
            HttpBenchmark.Report(name, result);
            if (round > 0)
            {
                results.Add((sampleRatio, result));
            }
        }

        var without = results.Where(r => r.Ratio is null).Select(r => r.Result).ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"OTLP sink: {sink.Requests} export requests, {sink.Bytes / 1024} KB"));
        foreach (var ratio in new[] { 1.0, 0.1 })
        {
            var with = results.Where(r => r.Ratio == ratio).Select(r => r.Result).ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ratio requests/s with (sampling {ratio:P0})/without: {with.Average(r => r.RequestsPerSecond) / without.Average(r => r.RequestsPerSecond):0.000} (goal >= 0.95); p99 {with.Average(r => r.P99Ms) / without.Average(r => r.P99Ms):0.00}"));
        }

        return 0;
    }

    private static async Task<string> RegisterAsync(HttpClient client)
    {
        using var register = await client.PostAsJsonAsync("/api/v1/auth/register", new { username = "bench_user", email = "bench@example.com", password = Password });
        var body = JsonNode.Parse(await register.Content.ReadAsStringAsync())!;
        return body["data"]!["access_token"]!.GetValue<string>();
    }

    private static async Task ScrapeEveryFiveSecondsAsync(HttpClient client, StrongBox<int> count, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                using var response = await client.GetAsync("/metrics", cancellationToken);
                response.EnsureSuccessStatusCode();
                count.Value++;
                await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The round is over.
        }
    }

    private sealed class TelemetryFactory(string connectionString, string? otlpEndpoint, double sampleRatio) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            BenchmarkFactory.Configure(builder, connectionString);
            builder.UseSetting("Metrics:Enabled", otlpEndpoint is null ? "false" : "true");
            if (otlpEndpoint is not null)
            {
                builder.UseSetting("Otlp:Endpoint", otlpEndpoint);
                builder.UseSetting("Otlp:Protocol", "http");
                builder.UseSetting("Otlp:SampleRatio", sampleRatio.ToString(CultureInfo.InvariantCulture));
            }
        }
    }

    /// <summary>Accepts OTLP/HTTP trace exports and counts them, so export costs what it costs against a collector that answers.</summary>
    private sealed class OtlpSink : IAsyncDisposable
    {
        private WebApplication _app = null!;
        private long _requests;
        private long _bytes;

        public string Endpoint => _app.Urls.First();

        public long Requests => Interlocked.Read(ref _requests);

        public long Bytes => Interlocked.Read(ref _bytes);

        public static async Task<OtlpSink> StartAsync()
        {
            var sink = new OtlpSink();
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            sink._app = builder.Build();
            sink._app.MapPost("/v1/traces", async (HttpContext http) =>
            {
                var buffer = new byte[16384];
                int read;
                while ((read = await http.Request.Body.ReadAsync(buffer)) > 0)
                {
                    Interlocked.Add(ref sink._bytes, read);
                }

                Interlocked.Increment(ref sink._requests);
                return Results.Ok();
            });
            await sink._app.StartAsync();
            return sink;
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
