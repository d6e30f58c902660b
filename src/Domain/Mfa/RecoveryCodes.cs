using System.Security.Cryptography;
using System.Text;

namespace Veza.Domain.Mfa;

/// <summary>
/// One-use codes that stand in for the authenticator (a lost phone). Each is 24 random base32
/// characters (120 bits, shown as four groups of six), so a plain SHA-256 is an adequate stored form
/// (ASVS 5.0 6.5.2: at least 112 bits needs no salt or stretching); the codes themselves are shown once.
/// </summary>
public static class RecoveryCodes
{
    public const int Count = 10;
    private const int Groups = 4;
    private const int GroupLength = 6;
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    /// <summary>The longest a submitted recovery code may be (groups, separators and a little slack for spaces).</summary>
    public const int MaxSubmittedLength = 64;

    public static IReadOnlyList<string> Generate() =>
        Enumerable.Range(0, Count).Select(_ => string.Join('-', Enumerable.Range(0, Groups).Select(_ => RandomNumberGenerator.GetString(Alphabet, GroupLength)))).ToArray();

    /// <summary>What a typed code means: case, spaces and dashes do not matter.</summary>
    public static string Normalize(string code) =>
        new(code.Where(c => c is not ('-' or ' ')).Select(char.ToLowerInvariant).ToArray());

    /// <summary>The only stored form of a recovery code.</summary>
    public static string Hash(string code) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Normalize(code))));
}
