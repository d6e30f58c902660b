using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Veza.TestKit;
using Veza.Testing;

namespace Veza.Api.FunctionalTests;

public class MetricsTests : ApiTestBase
{
    [Test]
    public async Task Metrics_list_requests_by_route_template_and_the_runtime_database_and_background_series()
    {
        var tokens = await RegisterAsync();
        for (var i = 0; i < 3; i++)
        {
            using var me = await GetAsync("/api/v1/auth/me", tokens.AccessToken);
            Assert.That(me.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        var missingId = Guid.NewGuid();
        using (var missing = await GetAsync($"/api/v1/tracks/{missingId}", tokens.AccessToken))
        {
            Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        }

        using (await GetAsync("/api/v1/no-such-thing"))
        {
        }

        using var scrape = await Client.GetAsync("/metrics");
        var text = await scrape.Content.ReadAsStringAsync();
        await TestContext.Out.WriteLineAsync(text);
        Assert.That(scrape.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(scrape.Content.Headers.ContentType!.ToString(), Does.StartWith("text/plain; version=0.0.4"));

        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Contain("# TYPE http_requests_total counter"));
            Assert.That(text, Does.Contain("http_requests_total{method=\"GET\",route=\"/api/v1/auth/me\",status=\"200\"} 3"));
            Assert.That(text, Does.Contain("http_requests_total{method=\"POST\",route=\"/api/v1/auth/register\",status=\"201\"} 1"));
            Assert.That(text, Does.Match("http_requests_total\\{method=\"GET\",route=\"/api/v1/tracks/\\{id[^}]*\\}\",status=\"404\"\\} 1"));
            Assert.That(text, Does.Contain("http_requests_total{method=\"GET\",route=\"unmatched\",status=\"404\"} 1"));
            Assert.That(text, Does.Not.Contain(missingId.ToString()), "a raw path leaked into a label");
            Assert.That(text, Does.Contain("# TYPE http_request_duration_seconds histogram"));
            Assert.That(text, Does.Contain("http_request_duration_seconds_bucket{method=\"GET\",route=\"/api/v1/auth/me\",status=\"200\",le=\"+Inf\"} 3"));
            Assert.That(text, Does.Contain("http_request_duration_seconds_count{method=\"GET\",route=\"/api/v1/auth/me\",status=\"200\"} 3"));
            Assert.That(text, Does.Match("(?m)^outbox_backlog \\d+$"));
            Assert.That(text, Does.Match("(?m)^outbox_oldest_unsent_age_seconds [0-9.E+-]+$"));
            Assert.That(text, Does.Match("(?m)^outbox_dead_letters \\d+$"));
            Assert.That(text, Does.Contain("jobs{state=\"queued\"}"));
            Assert.That(text, Does.Contain("jobs{state=\"dead\"}"));
            Assert.That(text, Does.Contain("# TYPE dotnet_gc_collections_total counter"));
            Assert.That(text, Does.Contain("dotnet_thread_pool_"));
            Assert.That(text, Does.Contain("dotnet_exceptions_total"));
            Assert.That(text, Does.Contain("db_client_"), "Npgsql's meter");
        });

        var (exit, output) = await PromtoolAsync("check", "metrics", text);
        Assert.That(exit, Is.EqualTo(0), output);
    }

    [Test]
    public async Task Measurements_with_the_same_tags_in_any_order_add_up_in_one_series_and_new_tags_start_another()
    {
        var meter = Factory.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>().Create(new System.Diagnostics.Metrics.MeterOptions(Veza.Api.Observability.ApiMetrics.MeterName));
        var counter = meter.CreateCounter<long>("test_orders_total");
        var deck = new KeyValuePair<string, object?>("deck", "a");
        counter.Add(2, deck, new KeyValuePair<string, object?>("side", 1));
        counter.Add(3, new KeyValuePair<string, object?>("side", 1), deck);
        counter.Add(5, deck, new KeyValuePair<string, object?>("side", 2));
        counter.Add(7, deck, new KeyValuePair<string, object?>("side", 1));

        using var scrape = await Client.GetAsync("/metrics");
        var lines = (await scrape.Content.ReadAsStringAsync()).Split('\n').Where(l => l.StartsWith("test_orders_total{", StringComparison.Ordinal)).Order().ToList();

        Assert.That(lines, Is.EqualTo(new[] { "test_orders_total{deck=\"a\",side=\"1\"} 12", "test_orders_total{deck=\"a\",side=\"2\"} 5" }));
    }

    [Test]
    public async Task X_request_id_is_the_w3c_trace_id_taken_from_traceparent()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.Add("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        request.Headers.Add("X-Request-Id", "ignored-when-traceparent");
        using var traced = await Client.SendAsync(request);
        Assert.That(traced.Headers.GetValues("X-Request-Id").Single(), Is.EqualTo("4bf92f3577b34da6a3ce929d0e0e4736"));

        using var plain = await Client.GetAsync("/health");
        Assert.That(plain.Headers.GetValues("X-Request-Id").Single(), Does.Match("^[0-9a-f]{32}$"));
        Assert.That(plain.Headers.GetValues("X-Request-Id").Single(), Is.Not.EqualTo("00000000000000000000000000000000"));
    }

    [Test]
    public async Task Log_lines_of_a_request_carry_its_trace_id()
    {
        await using var database = await TestDatabase.CreateAsync();
        var sink = new ScopeCapturingLoggerProvider();
        await using var factory = new VezaApiFactory(database.ConnectionString, new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Debug" })
            .WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(sink)));
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login")
        {
            Content = new StringContent("{\"login\":\"nobody_here\",\"password\":\"wrong-password-1\"}", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        sink.Lines.Clear();  // start-up's lines (migrations) belong to no request
        using var response = await client.SendAsync(request);
        Assert.That(response.Headers.GetValues("X-Request-Id").Single(), Is.EqualTo("0af7651916cd43dd8448eb211c80319c"));

        var ours = sink.Lines.Where(l => l.Category.StartsWith("Veza.", StringComparison.Ordinal) && l.Message.Contains("login", StringComparison.OrdinalIgnoreCase)).ToArray();
        Assert.That(ours.Select(l => l.Category), Has.Some.Contains("LoggingBehaviour"), "the use case logged");
        Assert.That(ours.Select(l => l.Category), Has.Some.Contains("RequestContextMiddleware"), "the access log ran");
        foreach (var line in ours)
        {
            Assert.That(line.Scopes, Does.Contain("TraceId=0af7651916cd43dd8448eb211c80319c"), $"{line.Category}: {line.Message}");
        }
    }

    /// <summary>Runs Debian's promtool (build/test.sh installs the prometheus package) with <paramref name="input"/> on stdin.</summary>
    internal static async Task<(int Exit, string Output)> PromtoolAsync(string command, string what, string input)
    {
        var start = new ProcessStartInfo("promtool") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(command);
        start.ArgumentList.Add(what);
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}

public class MetricsBearerTokenTests : ApiTestBase
{
    private const string Token = "scrape-token-0123456789";

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Metrics:BearerToken"] = Token,
    };

    [Test]
    public async Task Metrics_need_the_configured_bearer_token()
    {
        using var anonymous = await Client.GetAsync("/metrics");
        await AssertErrorAsync(anonymous, HttpStatusCode.Unauthorized, "UNAUTHORIZED");

        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "scrape-token-0123456780");
        using var refused = await Client.SendAsync(wrong);
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));

        using var right = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        right.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        using var scraped = await Client.SendAsync(right);
        Assert.That(scraped.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await scraped.Content.ReadAsStringAsync(), Does.Contain("http_requests_total"));
    }
}

public class MetricsAllowListTests : ApiTestBase
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Metrics:AllowedNetworks:0"] = "10.0.0.0/8",
    };

    [Test]
    public async Task Metrics_refuse_addresses_outside_the_allow_list()
    {
        // The in-memory test server gives no remote address: outside every network.
        using var response = await Client.GetAsync("/metrics");
        await AssertErrorAsync(response, HttpStatusCode.Forbidden, "FORBIDDEN");
    }
}

/// <summary>Keeps each line with the scopes the logger factory gives it (request scope and activity tracking), as the JSON console writes them.</summary>
internal sealed class ScopeCapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ConcurrentQueue<(string Category, string Message, string Scopes)> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ScopeCapturingLoggerProvider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => provider._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scopes = new System.Text.StringBuilder();
            provider._scopes.ForEachScope((scope, text) =>
            {
                if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                {
                    foreach (var (key, value) in pairs)
                    {
                        text.Append(key).Append('=').Append(value).Append(' ');
                    }
                }
            }, scopes);
            provider.Lines.Enqueue((category, formatter(state, exception), scopes.ToString()));
        }
    }
}
