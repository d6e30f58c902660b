using System.ComponentModel.DataAnnotations;
using Veza.Application.Chat;
using Veza.Domain.Ports;

namespace Veza.Infrastructure.Chat;

/// <summary>Chat's limits (<c>Chat:*</c>): the per-user sending budget, shared by rooms and direct messages, and the profanity list.</summary>
public sealed class ChatOptions
{
    public const string Section = "Chat";

    [Range(1, 10_000)]
    public int SendBurst { get; set; } = ChatSettings.Default.SendBurst.PermitLimit;

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan SendBurstWindow { get; set; } = ChatSettings.Default.SendBurst.Window;

    [Range(1, 100_000)]
    public int SendPerMinute { get; set; } = ChatSettings.Default.SendPerMinute.PermitLimit;

    /// <summary>Words masked in rooms with mask_profanity on; unset keeps the built-in list, an empty list masks nothing.</summary>
    public string[]? ProfanityWords { get; set; }

    public ChatSettings ToSettings() => new(
        new RateLimitRule(SendBurst, SendBurstWindow),
        new RateLimitRule(SendPerMinute, TimeSpan.FromMinutes(1)),
        ProfanityWords ?? ChatSettings.Default.ProfanityWords);
}
