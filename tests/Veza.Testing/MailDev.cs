using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Veza.TestKit;

namespace Veza.Testing;

/// <summary>One email as maildev (the real SMTP server build/test.sh starts) received it.</summary>
public sealed record ReceivedEmail(string Id, string To, string Subject, string Text, string Html, string? MessageId)
{
    /// <summary>The one-time token of the link in the email (the <c>token</c> query parameter), decoded.</summary>
    public string Token => Uri.UnescapeDataString(Regex.Match(Text, @"[?&]token=([^\s&]+)").Groups[1] is { Success: true } token
        ? token.Value
        : throw new InvalidOperationException($"The email '{Subject}' to {To} holds no link with a token."));

    /// <summary>The link in the email that leads to <paramref name="page"/> (for instance "reset-password").</summary>
    public string LinkTo(string page) => Regex.Match(Text, $@"https?://\S+/{Regex.Escape(page)}\?token=\S+").Value;
}

/// <summary>
/// Reads what maildev received over its HTTP API. Tests running in parallel share the one server, so
/// everything is filtered by recipient: give each test addresses of its own (<see cref="UniqueAddress"/>).
/// </summary>
public sealed class MailDev(HttpClient http)
{
    public static MailDev Connect() => new(new HttpClient { BaseAddress = new Uri(TestServers.MailDevApi), Timeout = TimeSpan.FromSeconds(10) });

    /// <summary>An address nobody else's test uses, so its mailbox holds only this test's emails.</summary>
    public static string UniqueAddress(string name = "user") => $"{name}.{Guid.NewGuid():N}@mail.test";

    public async Task<IReadOnlyList<ReceivedEmail>> ReceivedByAsync(string address, CancellationToken cancellationToken = default)
    {
        var all = JsonNode.Parse(await http.GetStringAsync("/api/email", cancellationToken))!.AsArray();
        return all
            .Where(m => Recipients(m!).Contains(address, StringComparer.OrdinalIgnoreCase))
            .Select(m => new ReceivedEmail(
                m!["id"]!.GetValue<string>(),
                address,
                m["subject"]?.GetValue<string>() ?? string.Empty,
                m["text"]?.GetValue<string>() ?? string.Empty,
                m["html"]?.GetValue<string>() ?? string.Empty,
                m["headers"]?["message-id"]?.GetValue<string>()))
            .ToList();
    }

    /// <summary>Waits until <paramref name="address"/> has received <paramref name="count"/> emails (whose subject contains <paramref name="subject"/>, if given) and returns them, oldest first.</summary>
    public async Task<IReadOnlyList<ReceivedEmail>> WaitForAsync(string address, int count = 1, string? subject = null, TimeSpan? within = null)
    {
        IReadOnlyList<ReceivedEmail> found = [];
        var arrived = await Eventually.TrueAsync(async () =>
        {
            found = (await ReceivedByAsync(address)).Where(m => subject is null || m.Subject.Contains(subject, StringComparison.OrdinalIgnoreCase)).ToList();
            return found.Count >= count;
        }, within ?? TimeSpan.FromSeconds(30));
        return arrived
            ? found
            : throw new TimeoutException($"{address} received {found.Count} of {count} expected emails{(subject is null ? string.Empty : $" about '{subject}'")}.");
    }

    public async Task<ReceivedEmail> WaitForOneAsync(string address, string? subject = null) => (await WaitForAsync(address, 1, subject))[^1];

    private static IEnumerable<string> Recipients(JsonNode message) =>
        (message["envelope"]?["to"]?.AsArray() ?? []).Select(t => t!["address"]!.GetValue<string>())
            .Concat((message["to"]?.AsArray() ?? []).Select(t => t!["address"]!.GetValue<string>()));
}
