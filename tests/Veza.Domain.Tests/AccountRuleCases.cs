using Veza.Domain.Common;
using Veza.Domain.Users;

namespace Veza.Domain.Tests;

/// <summary>
/// Inputs on both sides of the username and email rules. The Domain tests hold the entity to them and
/// the Application tests hold the validators to the same list (this file is linked there), so the two
/// cannot come to accept different sets again.
/// </summary>
public static class AccountRuleCases
{
    public static IEnumerable<TestCaseData> Usernames() => Cases(
        ("abc", true),
        ("dj_nova_2026", true),
        ("a23456789012345678901234567890", true),
        ("ab", false),
        ("a234567890123456789012345678901", false),
        ("DJ_Nova", false),
        ("dj-nova", false),
        ("dj nova", false),
        (" dj_nova", false),
        ("dj_nova ", false),
        ("dj@nova", false),
        ("dj_nov\u00e1", false),
        ("", false),
        (null, false));

    public static IEnumerable<TestCaseData> Emails() => Cases(
        ("nova@example.com", true),
        ("Nova@Example.COM", true),
        ("a@b.c", true),
        ("dj.nova+tapes@mail.example.org", true),
        (new string('a', 242) + "@example.com", true),
        (new string('a', 243) + "@example.com", false),
        ("not-an-email", false),
        // The entity used to take these two (it only looked for an '@' and trimmed); the validators never did.
        ("nova@example", false),
        (" nova@example.com", false),
        ("nova@example.com ", false),
        ("@example.com", false),
        ("nova@", false),
        ("nova@@example.com", false),
        ("nova@exa@mple.com", false),
        ("nova @example.com", false),
        ("", false),
        ("   ", false),
        (null, false));

    /// <summary>Whether the entity lets an account with this username and email come to exist.</summary>
    public static bool EntityAccepts(string? username, string? email)
    {
        try
        {
            User.Register(username!, email!, "hash", DateTimeOffset.UnixEpoch);
            return true;
        }
        catch (DomainException)
        {
            return false;
        }
    }

    private static IEnumerable<TestCaseData> Cases(params (string? Value, bool Valid)[] cases) =>
        cases.Select(c => new TestCaseData(c.Value, c.Valid));
}
