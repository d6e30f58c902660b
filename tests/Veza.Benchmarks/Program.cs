using BenchmarkDotNet.Running;

namespace Veza.Benchmarks;

// Not top-level statements: that would declare a Program type clashing with the API's.
public static class BenchmarkEntryPoint
{
    /// <summary>
    /// "http" (default): load benchmark of GET /api/v1/auth/me against a constant-JSON ceiling, plus logins/s.
    /// "search": GET /api/v1/users/search over 100,000 users against the same raw Npgsql query.
    /// "searchall": GET /api/v1/search?q=synthwaev (one typo, every kind) over 100,000 tracks, 100,000 users and 50,000 listings against the same SQL through raw Npgsql; autocomplete p99; plans.
    /// "market": GET /api/v1/listings (category, price range, price_asc) over 100,000 listings against the same raw Npgsql queries; plans.
    /// "products": GET /api/v1/products/search?q=focusrit (a misspelt brand) over 50,000 catalog products against the same trigram query through raw Npgsql; plan.
    /// "processing": a 5-minute WAV through the track processing job against the same ffmpeg commands run one after another.
    /// "chat": one room of 100 hub clients, the real hub (stored, ordered) against a bare broadcasting hub in the same process; p99 at 1,000 msg/s.
    /// "radio": 1,000 listeners of one station for 60 s: the API's CPU and memory against icecast2 serving the same stream, in one run.
    /// "telemetry": GET /api/v1/auth/me with metrics (scraped) and tracing (exported over OTLP) against without, alternating hosts in one run.
    /// "micro": BenchmarkDotNet micro-benchmarks (token validation against an HMAC baseline).
    /// "stream": the signed byte route against nginx on the same 10 MB MP3 (whole and 256 KB ranges), then 1,000 paced listeners and the API's peak memory.
    /// "upload": POST /api/v1/tracks of 100 MB against a copy on the same disk, and the API's memory growth during a 200 MB upload.
    /// "audio": the audio library's three measures in one run: "processing" (one run), then "upload" (one run).
    /// </summary>
    public static async Task<int> Main(string[] args)
    {
        if (args.FirstOrDefault() == "search")
        {
            return await SearchBenchmark.RunAsync(args[1..]);
        }

        if (args.FirstOrDefault() == "searchall")
        {
            return await SearchAllBenchmark.RunAsync(args[1..]);
        }

        if (args.FirstOrDefault() == "market")
        {
            return await MarketBenchmark.RunAsync(args[1..]);
        }

        if (args.FirstOrDefault() == "products")
        {
            return await ProductsBenchmark.RunAsync(args[1..]);
        }

        if (args.FirstOrDefault() == "processing")
        {
            return await ProcessingBenchmark.RunAsync(args[1..]);
        }

        if (args.FirstOrDefault() == "stream")
        {
            return await StreamBenchmark.RunAsync(args[1..]);
        }

        if (args.FirstOrDefault() == "radio")
        {
            return await RadioBenchmark.RunAsync(args[1..]);
        }

        if (args.FirstOrDefault() == "chat")
        {
            return await ChatBenchmark.RunAsync(args[1..]);
        }

        if (args.FirstOrDefault() == "audio")
        {
            var processing = await ProcessingBenchmark.RunAsync(["1"]);
            return processing != 0 ? processing : await UploadBenchmark.RunAsync(["1"]);
        }

        if (args.FirstOrDefault() == "upload")
        {
            return await UploadBenchmark.RunAsync(args[1..]);
        }

        if (args.FirstOrDefault() == "telemetry")
        {
            return await TelemetryBenchmark.RunAsync(args[1..]);
        }

        if (args.FirstOrDefault() == "micro")
        {
            BenchmarkSwitcher.FromAssembly(typeof(TokenBenchmarks).Assembly).Run(args[1..]);
            return 0;
        }

        return await HttpBenchmark.RunAsync(args.SkipWhile(a => a == "http").ToArray());
    }
}
