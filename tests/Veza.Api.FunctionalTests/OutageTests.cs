using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Veza.Api.Endpoints;
using Veza.Infrastructure.Messaging;
using Veza.Infrastructure.Redis;

namespace Veza.Api.FunctionalTests;

/// <summary>
/// PostgreSQL unreachable (a loopback port where nothing listens): the node still starts, with every
/// background service on, and requests that need the database answer 503 with Retry-After, say nothing
/// about the cause, and leave one warning per request in the log instead of an error with a stack trace.
/// </summary>
public class OutageTests
{
    private readonly RequestLogSink _logs = new();
    private VezaApiFactory _factory = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public void StartWithoutADatabase()
    {
        _factory = new VezaApiFactory(
            $"Host=127.0.0.1;Port={UnusedLoopbackPort()};Database=veza;Username=veza;Timeout=2",
            new Dictionary<string, string?> { ["Api:MigrateOnStartup"] = "false" },
            services =>
            {
                services.AddSingleton<ILoggerProvider>(_logs);
                services.AddSingleton<IEndpointGroup, FailingEndpoints>();
            });
        _client = _factory.CreateClient();
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    [TestCase("/api/v1/auth/register", """{"username":"dj_nova","email":"nova@example.com","password":"violet-tape-deck-42"}""")]
    [TestCase("/api/v1/auth/login", """{"login":"dj_nova","password":"violet-tape-deck-42"}""")]
    [TestCase("/api/v1/auth/refresh", """{"refresh_token":"c29tZS1yZWZyZXNoLXRva2VuLXZhbHVlLTAxMjM0NTY3ODk"}""")]
    public async Task Auth_endpoints_answer_503_with_retry_after_while_the_database_is_unreachable(string path, string json)
    {
        using var response = await _client.PostAsync(path, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        await AssertUnavailableAsync(response);
    }

    [TestCase("/api/v1/auth/test")]
    [TestCase("/api/v1/auth/me")]
    [TestCase("/api/v1/users/me")]
    public async Task Authenticated_routes_answer_503_not_200_while_the_account_cannot_be_checked(string path)
    {
        var user = Veza.Domain.Users.User.Register("dj_nova", "nova@example.com", "hash", DateTimeOffset.UtcNow);
        var token = _factory.Services.GetRequiredService<Veza.Domain.Ports.ITokenService>().CreateAccessToken(user, Guid.NewGuid(), DateTimeOffset.UtcNow);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new("Bearer", token.Token);

        using var response = await _client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), await response.Content.ReadAsStringAsync());
        Assert.That(response.Headers.RetryAfter, Is.Not.Null);
    }

    [Test]
    public async Task Ready_is_503_with_retry_after()
    {
        using var response = await _client.GetAsync("/ready");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(response.Headers.RetryAfter, Is.Not.Null);
    }

    [TestCase(nameof(NpgsqlException))]
    [TestCase(nameof(SocketException))]
    [TestCase(nameof(TimeoutException))]
    [TestCase(nameof(RetryLimitExceededException))]
    [TestCase(nameof(RedisUnavailableException))]
    [TestCase(nameof(NatsUnavailableException))]
    public async Task Each_kind_of_unreachable_dependency_is_503_even_when_wrapped(string kind)
    {
        using var response = await _client.GetAsync($"{FailingEndpoints.Path}?kind={kind}");

        await AssertUnavailableAsync(response);
    }

    [Test]
    public async Task Other_failures_stay_500()
    {
        using var response = await _client.GetAsync($"{FailingEndpoints.Path}?kind=bug");

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
            Assert.That(body["error"]!["code"]!.GetValue<string>(), Is.EqualTo("INTERNAL_ERROR"));
            Assert.That(response.Headers.Contains("Retry-After"), Is.False);
        });
    }

    [Test]
    public async Task Health_answers_200_unhealthy_while_the_database_is_unreachable()
    {
        using var response = await _client.GetAsync("/health");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["data"]!["status"]!.GetValue<string>(), Is.EqualTo("unhealthy"));
    }

    private async Task AssertUnavailableAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        var body = JsonNode.Parse(text)!;
        var requestId = response.Headers.GetValues("X-Request-Id").Single();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), text);
            Assert.That(body["success"]!.GetValue<bool>(), Is.False);
            Assert.That(body["error"]!["code"]!.GetValue<string>(), Is.EqualTo("SERVICE_UNAVAILABLE"));
            Assert.That(body["meta"]!["request_id"]!.GetValue<string>(), Is.EqualTo(requestId));
            Assert.That(int.Parse(response.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture), Is.GreaterThan(0));
            foreach (var internals in new[] { "Exception", "Npgsql", "Redis", "Nats", "Socket", "127.0.0.1", " at " })
            {
                Assert.That(text, Does.Not.Contain(internals), "no internals in the body");
            }
        });

        var entries = _logs.For(requestId);
        Assert.Multiple(() =>
        {
            Assert.That(entries.Where(e => e.Level >= LogLevel.Error || e.Exception is not null), Is.Empty, "no error and no stack trace for an outage");
            Assert.That(entries.Count(e => e.Level == LogLevel.Warning && e.Category == "Veza.Api.Http.ErrorMappingMiddleware"), Is.EqualTo(1), "one warning per request");
        });
    }

    private static int UnusedLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Throws each kind of outage the way adapters surface it: wrapped by the layer that met it.</summary>
    private sealed class FailingEndpoints : IEndpointGroup
    {
        public const string Path = "/test-only/outage";

        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet(Path, IResult (string kind) => throw new InvalidOperationException("An exception has been raised that is likely due to a transient failure.", Cause(kind)))
                .AllowAnonymous();

        private static Exception Cause(string kind)
        {
            var refused = new SocketException((int)SocketError.ConnectionRefused);
            return kind switch
            {
                nameof(NpgsqlException) => new NpgsqlException("Failed to connect to 127.0.0.1:1", refused),
                nameof(SocketException) => refused,
                nameof(TimeoutException) => new TimeoutException("The operation has timed out."),
                nameof(RetryLimitExceededException) => new RetryLimitExceededException("Maximum number of retries (6) exceeded.", new TimeoutException()),
                nameof(RedisUnavailableException) => new RedisUnavailableException(refused),
                nameof(NatsUnavailableException) => new NatsUnavailableException("NATS is unavailable."),
                _ => new ArgumentException("A bug, not an outage."),
            };
        }
    }

    /// <summary>Keeps each log entry with the request id of the scope it was written in.</summary>
    private sealed class RequestLogSink : ILoggerProvider
    {
        private readonly AsyncLocal<string?> _requestId = new();
        private readonly ConcurrentQueue<(string? RequestId, Entry Entry)> _entries = new();

        public IReadOnlyList<Entry> For(string requestId) =>
            _entries.Where(e => e.RequestId == requestId).Select(e => e.Entry).ToList();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, RequestLogSink sink) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull
            {
                var outer = sink._requestId.Value;
                if (state is IEnumerable<KeyValuePair<string, object>> values && values.FirstOrDefault(v => v.Key == "RequestId").Value is string id)
                {
                    sink._requestId.Value = id;
                }

                return new Restore(() => sink._requestId.Value = outer);
            }

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                sink._entries.Enqueue((sink._requestId.Value, new Entry(category, logLevel, formatter(state, exception), exception)));
        }

        private sealed class Restore(Action restore) : IDisposable
        {
            public void Dispose() => restore();
        }
    }

    private sealed record Entry(string Category, LogLevel Level, string Message, Exception? Exception);
}
