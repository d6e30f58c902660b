using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;

namespace Veza.Infrastructure.Mfa;

/// <summary>
/// The key TOTP secrets are encrypted under at rest (AES-256-GCM). Only from configuration or the
/// environment (Mfa__EncryptionKey); build/run.sh generates one under .data/. To rotate: put the new key
/// in EncryptionKey and the old one in RetiredEncryptionKeys; rows sealed under it still open and are
/// sealed again under the new key the next time a code is checked (docs/decisions/0016).
/// </summary>
public sealed class MfaOptions : IValidatableObject
{
    public const string Section = "Mfa";
    public const int KeyBytes = 32;

    /// <summary>Base64 of 32 random bytes (for example `head -c 32 /dev/urandom | base64`).</summary>
    [Required(ErrorMessage = "Mfa:EncryptionKey is required (set Mfa__EncryptionKey to base64 of 32 random bytes).")]
    public string EncryptionKey { get; set; } = string.Empty;

    /// <summary>Earlier keys (base64), kept only to open secrets sealed before a rotation.</summary>
    public List<string> RetiredEncryptionKeys { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Decode(EncryptionKey) is null)
        {
            yield return new ValidationResult($"Mfa:EncryptionKey must be base64 of exactly {KeyBytes} bytes.", [nameof(EncryptionKey)]);
        }

        if (RetiredEncryptionKeys.Any(k => Decode(k) is null))
        {
            yield return new ValidationResult($"Every Mfa:RetiredEncryptionKeys entry must be base64 of exactly {KeyBytes} bytes.", [nameof(RetiredEncryptionKeys)]);
        }
    }

    /// <summary>A key's id, stored beside each ciphertext: the first 8 bytes of its SHA-256, so ids never need configuring.</summary>
    public static string KeyId(byte[] key) => Convert.ToHexStringLower(SHA256.HashData(key))[..16];

    public static byte[]? Decode(string? base64)
    {
        if (string.IsNullOrWhiteSpace(base64))
        {
            return null;
        }

        var buffer = new byte[base64.Length];
        return Convert.TryFromBase64String(base64.Trim(), buffer, out var written) && written == KeyBytes ? buffer[..written] : null;
    }
}
