using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using Veza.Domain.Common;

namespace Veza.Domain.Users;

/// <summary>
/// The one definition of an acceptable username: the entity guards it, the validators report it and
/// the repository compares by its normal form, so none of them can drift from the others.
/// </summary>
public static partial class UsernameRules
{
    public const int MinLength = 3;
    public const int MaxLength = 30;

    public static readonly string Message = $"Username must be {MinLength} to {MaxLength} characters of a-z, 0-9 and _.";

    // Lower case only: a username never needs case folding to be compared, and cannot contain '@',
    // which is how a login tells a username from an email. ASCII only, so no look-alike or invisible
    // character can get in. \A and \z, not ^ and $: .NET's $ also matches before a final "\n".
    [GeneratedRegex(@"\A[a-z0-9_]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static bool IsValid([NotNullWhen(true)] string? username) =>
        username is { Length: >= MinLength and <= MaxLength } && Pattern().IsMatch(username);

    /// <summary>
    /// What uniqueness and login lookups compare, so "DJ_Nova" (or its fullwidth twin "ＤＪ＿Ｎｏｖａ")
    /// typed at login finds "dj_nova".
    /// </summary>
    public static string Normalize(string username) => UnicodeNormalization.ToNfkc(username).Trim().ToLowerInvariant();

    /// <summary>
    /// A valid username made from the first usable hint (a provider's login or name, an address's local
    /// part): accents dropped, lower case, every run of other characters one "_", cut to leave room for a
    /// suffix; "user" when nothing usable is left. Whether it is free is the caller's question
    /// (<see cref="WithSuffix"/> makes the next candidates).
    /// </summary>
    public static string Suggest(params string?[] hints)
    {
        foreach (var hint in hints)
        {
            var candidate = Slug(hint);
            if (candidate.Length >= MinLength)
            {
                return candidate;
            }
        }

        return "user";
    }

    /// <summary>The base with "_{n}", the base cut so the whole stays within <see cref="MaxLength"/>.</summary>
    public static string WithSuffix(string username, string suffix)
    {
        var tail = "_" + suffix;
        return username[..Math.Min(username.Length, MaxLength - tail.Length)].TrimEnd('_') + tail;
    }

    /// <summary>Room left for a suffix such as "_12" when a suggestion is taken.</summary>
    private const int SuggestionMaxLength = MaxLength - 6;

    private static string Slug(string? hint)
    {
        if (string.IsNullOrWhiteSpace(hint))
        {
            return string.Empty;
        }

        var decomposed = UnicodeNormalization.ToNfkd(hint).ToLowerInvariant();
        var slug = new System.Text.StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                slug.Append(c);
            }
            else if (System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark
                && slug.Length > 0 && slug[^1] != '_')
            {
                slug.Append('_');
            }
        }

        var text = slug.ToString();
        return text[..Math.Min(text.Length, SuggestionMaxLength)].Trim('_');
    }
}
