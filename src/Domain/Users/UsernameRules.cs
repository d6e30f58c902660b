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
}
