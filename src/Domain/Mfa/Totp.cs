using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Veza.Domain.Mfa;

/// <summary>
/// Time-based one-time passwords (RFC 6238 over RFC 4226's HOTP, HMAC-SHA1, 6 digits, 30-second
/// steps): what every authenticator app computes from the shared secret. Pure functions; the clock and
/// the secret are the caller's.
/// </summary>
public static class Totp
{
    public const int StepSeconds = 30;
    public const int Digits = 6;

    /// <summary>160 bits, the HMAC-SHA1 block output size RFC 4226 recommends.</summary>
    public const int SecretBytes = 20;

    /// <summary>A code is accepted for the step it was computed for and one step either side (clock drift, typing time).</summary>
    public const int AcceptedDrift = 1;

    public static byte[] NewSecret() => RandomNumberGenerator.GetBytes(SecretBytes);

    /// <summary>The step (T in RFC 6238) that holds <paramref name="time"/>: whole 30-second periods since the Unix epoch.</summary>
    public static long StepAt(DateTimeOffset time) => Math.DivRem(time.ToUnixTimeSeconds(), StepSeconds) switch
    {
        var (quotient, remainder) when remainder < 0 => quotient - 1,
        var (quotient, _) => quotient,
    };

    /// <summary>The code for one step (RFC 4226 section 5.3 dynamic truncation).</summary>
    public static string Code(ReadOnlySpan<byte> secret, long step, int digits = Digits)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(digits, 6);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(digits, 8);
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> hash = stackalloc byte[HMACSHA1.HashSizeInBytes];
        // RFC 6238's default and what every authenticator app computes; HMAC-SHA1 is not broken as a MAC.
#pragma warning disable CA5350
        HMACSHA1.HashData(secret, counter, hash);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0F;
        var binary = BinaryPrimitives.ReadInt32BigEndian(hash.Slice(offset, 4)) & 0x7FFF_FFFF;
        var modulus = (int)Math.Pow(10, digits);
        return (binary % modulus).ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(digits, '0');
    }

    /// <summary>True when <paramref name="code"/> has the shape of a code (digits only, the right length).</summary>
    public static bool IsWellFormed(string? code) => code is { Length: Digits } && code.All(char.IsAsciiDigit);

    /// <summary>
    /// The step <paramref name="code"/> was computed for, searched within <see cref="AcceptedDrift"/> of
    /// <paramref name="now"/> and only after <paramref name="lastAcceptedStep"/> (a code, or an older
    /// one, is never accepted twice); null when none matches. Every candidate is compared in constant time.
    /// </summary>
    public static long? Match(ReadOnlySpan<byte> secret, string code, DateTimeOffset now, long? lastAcceptedStep)
    {
        if (!IsWellFormed(code))
        {
            return null;
        }

        var current = StepAt(now);
        long? matched = null;
        for (var step = current - AcceptedDrift; step <= current + AcceptedDrift; step++)
        {
            var equal = CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.ASCII.GetBytes(Code(secret, step)), System.Text.Encoding.ASCII.GetBytes(code));
            if (equal && matched is null && (lastAcceptedStep is not { } last || step > last))
            {
                matched = step;
            }
        }

        return matched;
    }
}
