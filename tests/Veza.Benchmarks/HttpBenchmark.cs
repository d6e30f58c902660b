using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Veza.Testing;
using Veza.TestKit;

namespace Veza.Benchmarks;

/// <summary>
/// Serves the real API on Kestrel (loopback) and drives it with wrk. The baseline is a minimal endpoint
/// in the same process that writes the same JSON from a constant, before any middleware: the ceiling
/// for this machine at this moment. Ratios, not absolute numbers, are what compare across runs.
/// </summary>
public static partial class HttpBenchmark
{
    private const string Password = "violet-tape-deck-42";

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = args.Length > 0 && int.TryParse(args[0], out var s) ? s : 10;
        var connections = args.Length > 1 && int.TryParse(args[1], out var c) ? c : 32;
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new BenchmarkFactory(database.ConnectionString);
        factory.UseKestrel(0);
        factory.StartServer();
        using var client = factory.CreateClient();
        var baseUrl = client.BaseAddress!.ToString().TrimEnd('/');

        using var register = await client.PostAsJsonAsync("/api/v1/auth/register", new { username = "bench_user", email = "bench@example.com", password = Password });
        var body = JsonNode.Parse(await register.Content.ReadAsStringAsync())!;
        var token = body["data"]!["access_token"]!.GetValue<string>();
        using (var me = new HttpRequestMessage(HttpMethod.Get, "/api/v1/auth/me"))
        {
            me.Headers.Authorization = new("Bearer", token);
            using var response = await client.SendAsync(me);
            BenchmarkFactory.ConstantBody = await response.Content.ReadAsStringAsync();
        }

        Console.WriteLine($"# wrk -t2 -c{connections} -d{seconds}s after a 3 s warm-up per endpoint (tiered JIT); same process, same machine, logging at Warning");
        var ceiling = await MeasureAsync($"{baseUrl}{BenchmarkFactory.ConstantPath}", token, seconds, connections);
        Report("constant JSON (ceiling)", ceiling);
        // The breakdown says where the time goes: /auth/test is the whole pipeline with JWT validation
        // and the revocation check but no database read; /auth/me adds the indexed read.
        Report("GET /api/v1/auth/test", await MeasureAsync($"{baseUrl}/api/v1/auth/test", token, seconds, connections));
        var me1 = await MeasureAsync($"{baseUrl}/api/v1/auth/me", token, seconds, connections);
        Report("GET /api/v1/auth/me", me1);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio requests/s me/ceiling: {me1.RequestsPerSecond / ceiling.RequestsPerSecond:0.00} (goal >= 0.50)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio p99 me/ceiling: {me1.P99Ms / ceiling.P99Ms:0.00}"));

        // One client after another: one login at a time is one core busy hashing (PBKDF2, 210,000 rounds).
        const int logins = 20;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < logins; i++)
        {
            using var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { login = "bench_user", password = Password });
            login.EnsureSuccessStatusCode();
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"logins/s on one core (sequential): {logins / watch.Elapsed.TotalSeconds:0.0}"));
        return 0;
    }

    /// <param name="extra">More wrk arguments, such as a Lua script (-s file).</param>
    internal static async Task<WrkResult> MeasureAsync(string url, string token, int seconds, int connections, params string[] extra)
    {
        await WrkAsync(url, token, 3, connections, extra);
        return await WrkAsync(url, token, seconds, connections, extra);
    }

    /// <summary>The two lines every "API against raw Npgsql" benchmark ends with: throughput against the 0.6 goal, and p99.</summary>
    internal static void ReportRatios(WrkResult api, WrkResult raw)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio requests/s api/raw: {api.RequestsPerSecond / raw.RequestsPerSecond:0.00} (goal >= 0.60)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio p99 api/raw: {api.P99Ms / raw.P99Ms:0.00}"));
    }

    /// <summary>One measure's line; error answers are flagged, since their rate says nothing about the route's speed.</summary>
    internal static void Report(string name, WrkResult result) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-28} {result.RequestsPerSecond,10:0} req/s   p99 {result.P99Ms,7:0.00} ms   non-2xx {result.Non2xx}{(result.Non2xx > 0 ? "   (error answers: not comparable)" : "")}"));

    private static async Task<WrkResult> WrkAsync(string url, string token, int seconds, int connections, string[] extra)
    {
        var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
        // An empty token: anonymous requests (no Authorization header), as for the public market.
        string[] authorization = token.Length == 0 ? [] : ["-H", $"Authorization: Bearer {token}"];
        foreach (var argument in new[] { "-t2", $"-c{connections}", $"-d{seconds}s", "--latency" }.Concat(authorization).Concat(extra).Append(url))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("wrk could not start (build/bench.sh installs it).");
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var rps = double.Parse(RequestsPerSecond().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var p99 = P99().Match(output);
        var p99Ms = double.Parse(p99.Groups[1].Value, CultureInfo.InvariantCulture) * (p99.Groups[2].Value switch { "us" => 0.001, "s" => 1000, _ => 1 });
        var non2xx = Non2xx().Match(output) is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        return new WrkResult(rps, p99Ms, non2xx);
    }

    internal sealed record WrkResult(double RequestsPerSecond, double P99Ms, long Non2xx);

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"99%\s+([\d.]+)(us|ms|s)")]
    private static partial Regex P99();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex Non2xx();
}

/// <summary>The real Program with the constant baseline endpoint added ahead of every middleware.</summary>
/// <summary>
/// The real Program plus a raw-query baseline (the <typeparamref name="TFilter"/>'s endpoints, ahead of every middleware),
/// as every "API against the same SQL through raw Npgsql" benchmark hosts it.
/// </summary>
public abstract class RawBaselineFactory<TFilter>(string connectionString) : WebApplicationFactory<Program>
    where TFilter : class, IStartupFilter
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        BenchmarkFactory.Configure(builder, connectionString);
        // Under load every request may be a "slow use case" warning; the benchmark's numbers say it already.
        builder.UseSetting("Logging:LogLevel:Veza.Application.Common.Behaviours.PerformanceBehaviour", "Error");
        builder.ConfigureServices(services => services.AddTransient<IStartupFilter, TFilter>());
    }
}

public sealed class BenchmarkFactory(string connectionString) : WebApplicationFactory<Program>
{
    public const string ConstantPath = "/bench/constant";

    public static string ConstantBody { get; set; } = "{}";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Configure(builder, connectionString);
        builder.ConfigureServices(services => services.AddTransient<IStartupFilter, ConstantEndpointFilter>());
    }

    /// <summary>What every HTTP benchmark's host shares: production settings, quiet logs, no rate limits.</summary>
    internal static void Configure(IWebHostBuilder builder, string connectionString)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("ConnectionStrings:Veza", connectionString);
        builder.UseSetting("Jwt:SigningKey", "benchmark-signing-key-0123456789abcdef-0123");
        builder.UseSetting("Mfa:EncryptionKey", "YmVuY2htYXJrLW1mYS1lbmNyeXB0aW9uLWtleS0wMTI=");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("RateLimiting:PerIp:PermitLimit", "100000000");
        builder.UseSetting("RateLimiting:PerUser:PermitLimit", "100000000");
        builder.UseSetting("RateLimiting:Policies:login:PermitLimit", "100000000");
    }

    private sealed class ConstantEndpointFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Map(ConstantPath, constant => constant.Run(context =>
            {
                context.Response.ContentType = "application/json; charset=utf-8";
                return context.Response.WriteAsync(ConstantBody);
            }));
            next(app);
        };
    }
}
