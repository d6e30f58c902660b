using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Veza.Domain.Mfa;
using Veza.Domain.Ports;

namespace Veza.Infrastructure.Mfa;

/// <summary>
/// AES-256-GCM with a fresh 96-bit nonce per seal; the owner's id is the associated data, so a
/// ciphertext moved to another row fails to open. Stored as base64(nonce | ciphertext | tag) with the key's id.
/// </summary>
internal sealed class AesGcmSecretProtector : ISecretProtector
{
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    private readonly string _currentKeyId;
    private readonly Dictionary<string, byte[]> _keys = [];

    public AesGcmSecretProtector(IOptions<MfaOptions> options)
    {
        var current = MfaOptions.Decode(options.Value.EncryptionKey) ?? throw new InvalidOperationException("Mfa:EncryptionKey is invalid.");
        _currentKeyId = MfaOptions.KeyId(current);
        _keys[_currentKeyId] = current;
        foreach (var retired in options.Value.RetiredEncryptionKeys.Select(MfaOptions.Decode).OfType<byte[]>())
        {
            _keys.TryAdd(MfaOptions.KeyId(retired), retired);
        }
    }

    public ProtectedSecret Protect(ReadOnlySpan<byte> secret, Guid ownerId)
    {
        var sealedBytes = new byte[NonceBytes + secret.Length + TagBytes];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_keys[_currentKeyId], TagBytes);
        aes.Encrypt(nonce, secret, sealedBytes.AsSpan(NonceBytes, secret.Length), sealedBytes.AsSpan(NonceBytes + secret.Length), ownerId.ToByteArray());
        return new ProtectedSecret(_currentKeyId, Convert.ToBase64String(sealedBytes));
    }

    public (byte[] Secret, bool SealedWithOlderKey) Unprotect(ProtectedSecret protectedSecret, Guid ownerId)
    {
        if (!_keys.TryGetValue(protectedSecret.KeyId, out var key))
        {
            throw new CryptographicException($"No configured key has id {protectedSecret.KeyId} (add it to Mfa:RetiredEncryptionKeys).");
        }

        var sealedBytes = Convert.FromBase64String(protectedSecret.Ciphertext);
        var length = sealedBytes.Length - NonceBytes - TagBytes;
        if (length <= 0)
        {
            throw new CryptographicException("The sealed secret is truncated.");
        }

        var secret = new byte[length];
        using var aes = new AesGcm(key, TagBytes);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceBytes), sealedBytes.AsSpan(NonceBytes, length), sealedBytes.AsSpan(NonceBytes + length), secret, ownerId.ToByteArray());
        return (secret, protectedSecret.KeyId != _currentKeyId);
    }
}
