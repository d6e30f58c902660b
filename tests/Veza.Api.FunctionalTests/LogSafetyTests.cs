using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Veza.Testing;

namespace Veza.Api.FunctionalTests;

/// <summary>Every log line of a full auth flow, at the most verbose level, holds no password and no token.</summary>
public class LogSafetyTests
{
    [Test]
    public async Task Passwords_and_tokens_never_reach_the_logs()
    {
        await using var database = await TestDatabase.CreateAsync();
        var sink = new CapturingLoggerProvider();
        await using var factory = new VezaApiFactory(database.ConnectionString, new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Trace" })
            .WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(sink)));
        using var client = factory.CreateClient();
        const string password = "violet-tape-deck-42";

        using var register = await client.PostAsync("/api/v1/auth/register", Json(new { username = "dj_nova", email = "nova@example.com", password }));
        var body = System.Text.Json.Nodes.JsonNode.Parse(await register.Content.ReadAsStringAsync())!["data"]!;
        var access = body["access_token"]!.GetValue<string>();
        var refresh = body["refresh_token"]!.GetValue<string>();
        using var wrong = await client.PostAsync("/api/v1/auth/login", Json(new { login = "dj_nova", password = "wrong-password-secret" }));
        using var refreshed = await client.PostAsync("/api/v1/auth/refresh", Json(new { refresh_token = refresh }));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/auth/me");
        request.Headers.Authorization = new("Bearer", access);
        using var me = await client.SendAsync(request);

        Assert.That(register.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(me.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var lines = sink.Lines.ToArray();
        Assert.That(lines, Is.Not.Empty);
        Assert.That(lines.Where(l => l.Contains("/api/v1/auth/login", StringComparison.Ordinal)), Is.Not.Empty, "the access log did run");
        foreach (var secret in new[] { password, "wrong-password-secret", refresh, access, access.Split('.')[2] })
        {
            Assert.That(lines.Where(l => l.Contains(secret, StringComparison.Ordinal)), Is.Empty, "a secret leaked into the logs");
        }
    }

    private static StringContent Json(object value) =>
        new(System.Text.Json.JsonSerializer.Serialize(value), System.Text.Encoding.UTF8, "application/json");

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, Lines);

        public void Dispose()
        {
        }

        private sealed class CapturingLogger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull
            {
                lines.Enqueue($"{category} scope {state}");
                return null;
            }

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{category} {formatter(state, exception)} {exception}");
        }
    }
}
