using System.Text.RegularExpressions;
using Veza.Domain.Ports;

namespace Veza.TestKit;

/// <summary>The kit's email adapter: every email the platform sends is kept here instead of leaving the process.</summary>
public sealed partial class CapturedEmails : IEmailSender
{
    private readonly List<EmailMessage> _sent = [];

    /// <summary>Everything sent so far, oldest first.</summary>
    public IReadOnlyList<EmailMessage> All
    {
        get
        {
            lock (_sent)
            {
                return [.. _sent];
            }
        }
    }

    public Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        lock (_sent)
        {
            _sent.Add(message);
        }

        return Task.CompletedTask;
    }

    /// <summary>The emails sent to <paramref name="address"/>, oldest first.</summary>
    public IReadOnlyList<EmailMessage> To(string address) => All.Where(m => string.Equals(m.To, address, StringComparison.OrdinalIgnoreCase)).ToList();

    /// <summary>Waits (emails go out from background jobs) for an email to <paramref name="address"/> whose subject contains <paramref name="subject"/>.</summary>
    public async Task<EmailMessage> WaitForAsync(string address, string? subject = null, TimeSpan? within = null)
    {
        EmailMessage? found = null;
        await Eventually.TrueAsync(() =>
        {
            found = To(address).LastOrDefault(m => subject is null || m.Subject.Contains(subject, StringComparison.OrdinalIgnoreCase));
            return Task.FromResult(found is not null);
        }, within ?? TimeSpan.FromSeconds(30));
        return found ?? throw new TimeoutException($"No email{(subject is null ? string.Empty : $" about '{subject}'")} reached {address}.");
    }

    /// <summary>The one-time token of the link in an email (its <c>token</c> query parameter), decoded.</summary>
    public static string TokenIn(EmailMessage email) => TokenPattern().Match(email.TextBody) is { Success: true } match
        ? Uri.UnescapeDataString(match.Groups[1].Value)
        : throw new InvalidOperationException($"The email '{email.Subject}' to {email.To} holds no link with a token.");

    public void Clear()
    {
        lock (_sent)
        {
            _sent.Clear();
        }
    }

    [GeneratedRegex(@"[?&]token=([^\s&]+)")]
    private static partial Regex TokenPattern();
}
