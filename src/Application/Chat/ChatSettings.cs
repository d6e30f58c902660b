using System.Text.RegularExpressions;
using Veza.Domain.Ports;

namespace Veza.Application.Chat;

/// <summary>
/// Chat's limits from configuration (<c>Chat:*</c>, bound and validated by the host; these defaults when
/// nothing is configured): the per-user sending budget and the words a room that asks for it masks.
/// </summary>
public sealed record ChatSettings(RateLimitRule SendBurst, RateLimitRule SendPerMinute, IReadOnlyList<string> ProfanityWords)
{
    public static readonly ChatSettings Default = new(
        new RateLimitRule(5, TimeSpan.FromSeconds(5)),
        new RateLimitRule(60, TimeSpan.FromMinutes(1)),
        ["fuck", "fucking", "shit", "bitch", "cunt", "asshole", "bastard", "dick", "motherfucker", "wanker"]);
}

/// <summary>
/// Masks the configured words in a room that asks for it (<c>mask_profanity</c>), as a message is posted or
/// edited: whole words, whatever their case, keeping the first letter ("f***"). What is stored is what
/// everyone reads, so no unmasked copy travels to clients.
/// </summary>
public sealed class ProfanityMask
{
    private readonly Regex? _words;

    public ProfanityMask(ChatSettings settings)
    {
        var words = settings.ProfanityWords.Where(w => !string.IsNullOrWhiteSpace(w)).Select(w => Regex.Escape(w.Trim())).ToList();
        _words = words.Count == 0
            ? null
            : new Regex($@"\b(?:{string.Join('|', words.OrderByDescending(w => w.Length))})\b",
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled, TimeSpan.FromMilliseconds(200));
    }

    public string Apply(string content) =>
        _words?.Replace(content, m => m.Value[..1] + new string('*', m.Value.Length - 1)) ?? content;
}
