using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Veza.Testing;
using Veza.TestKit;

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

    [Test]
    public async Task Emailed_tokens_never_reach_the_logs_when_mail_goes_over_smtp()
    {
        await using var database = await TestDatabase.CreateAsync();
        var sink = new CapturingLoggerProvider();
        var settings = AccountEmailTests.SmtpSettings();
        settings["Logging:LogLevel:Default"] = "Trace";
        await using var factory = new VezaApiFactory(database.ConnectionString, settings)
            .WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(sink)));
        using var client = factory.CreateClient();
        var mail = MailDev.Connect();
        var email = MailDev.UniqueAddress("logsafety");
        var newEmail = MailDev.UniqueAddress("logsafety.new");
        const string password = "violet-tape-deck-42";

        using var register = await client.PostAsync("/api/v1/auth/register", Json(new { username = "log_nova", email, password }));
        var access = System.Text.Json.Nodes.JsonNode.Parse(await register.Content.ReadAsStringAsync())!["data"]!["access_token"]!.GetValue<string>();
        using var forgot = await client.PostAsync("/api/v1/auth/forgot-password", Json(new { email }));
        using var magic = await client.PostAsync("/api/v1/auth/magic-link", Json(new { email }));
        using var change = new HttpRequestMessage(HttpMethod.Post, "/api/v1/users/me/email") { Content = Json(new { new_email = newEmail, password }) };
        change.Headers.Authorization = new("Bearer", access);
        using var changed = await client.SendAsync(change);
        var tokens = new[]
        {
            (await mail.WaitForOneAsync(email, "Verify")).Token,
            (await mail.WaitForOneAsync(email, "Reset")).Token,
            (await mail.WaitForOneAsync(email, "sign-in link")).Token,
            (await mail.WaitForOneAsync(newEmail, "Confirm")).Token,
        };
        foreach (var (path, body) in new (string, object)[]
        {
            ("/api/v1/auth/verify-email", new { token = tokens[0] }),
            ("/api/v1/auth/reset-password", new { token = tokens[1], new_password = "amber-reel-to-reel-7" }),
            ("/api/v1/auth/magic-link/verify", new { token = tokens[2] }),
            ("/api/v1/auth/email-change/confirm", new { token = tokens[3] }),
            ("/api/v1/auth/verify-email", new { token = tokens[0] }),
        })
        {
            using var spent = await client.PostAsync(path, Json(body));
        }

        Assert.That(changed.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        var lines = sink.Lines.ToArray();
        Assert.That(lines.Where(l => l.Contains("/api/v1/auth/reset-password", StringComparison.Ordinal)), Is.Not.Empty, "the access log did run");
        foreach (var secret in tokens)
        {
            Assert.That(lines.Where(l => l.Contains(secret, StringComparison.Ordinal)), Is.Empty, "an emailed token leaked into the logs");
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
