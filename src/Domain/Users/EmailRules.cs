using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using Veza.Domain.Common;

namespace Veza.Domain.Users;

/// <summary>
/// The one definition of an acceptable email address: the entity guards it, the validators report it
/// and the repository compares by its normal form, so none of them can drift from the others.
/// </summary>
public static partial class EmailRules
{
    /// <summary>The longest forward path SMTP carries (RFC 5321), and what the column holds.</summary>
    public const int MaxLength = 254;

    public const string Message =
        "Email is not a valid address: it needs one '@' and a dotted domain, and may hold no spaces, invisible characters, " +
        "or fullwidth and other compatibility forms of letters (write \"nova@example.com\", not \"ｎｏｖａ@ｅｘａｍｐｌｅ.com\").";

    // Deliberately only a shape, not RFC 5322: one '@' with something before it, a dotted domain, no
    // whitespace anywhere (so no surrounding spaces to trim). Whether it receives mail is for a
    // confirmation email to prove. \A and \z, not ^ and $: .NET's $ also matches before a final "\n".
    [GeneratedRegex(@"\A[^@\s]+@[^@\s]+\.[^@\s]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    /// <summary>
    /// Also refuses what would make two addresses look alike: invisible characters, and any address
    /// that is not already in NFKC form, so a fullwidth twin of an account's address is refused (400)
    /// rather than compared, and the address stored for display is the one that is compared.
    /// </summary>
    public static bool IsValid([NotNullWhen(true)] string? email) =>
        email is { Length: > 0 and <= MaxLength }
        && !UnicodeText.HasInvisibleCharacter(email)
        && UnicodeNormalization.IsNfkc(email)
        && Pattern().IsMatch(email);

    /// <summary>
    /// What uniqueness and login lookups compare: addresses differing only in case, or in compatibility
    /// forms (fullwidth letters, ligatures), are one account.
    /// </summary>
    public static string Normalize(string email) => UnicodeNormalization.ToNfkc(email).Trim().ToLowerInvariant();

    /// <summary>Usernames cannot contain '@', so a login that does (a fullwidth '＠' included) is an email.</summary>
    public static bool IsEmailLogin(string login) => UnicodeNormalization.ToNfkc(login).Contains('@', StringComparison.Ordinal);
}
