using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Veza.Domain.Users;

/// <summary>
/// The one definition of an acceptable email address: the entity guards it, the validators report it
/// and the repository compares by its normal form, so none of them can drift from the others.
/// </summary>
public static partial class EmailRules
{
    /// <summary>The longest forward path SMTP carries (RFC 5321), and what the column holds.</summary>
    public const int MaxLength = 254;

    public const string Message = "Email is not a valid address.";

    // Deliberately only a shape, not RFC 5322: one '@' with something before it, a dotted domain, no
    // whitespace anywhere (so no surrounding spaces to trim). Whether it receives mail is for a
    // confirmation email to prove.
    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static bool IsValid([NotNullWhen(true)] string? email) =>
        email is { Length: > 0 and <= MaxLength } && Pattern().IsMatch(email);

    /// <summary>What uniqueness and login lookups compare: addresses differing only in case are one account.</summary>
    public static string Normalize(string email) => email.Trim().ToLowerInvariant();

    /// <summary>Usernames cannot contain '@', so a login that does is an email.</summary>
    public static bool IsEmailLogin(string login) => login.Contains('@', StringComparison.Ordinal);
}
