using Veza.Domain.Mfa;

namespace Veza.Domain.Ports;

/// <summary>
/// Encrypts secrets that must be read back (a TOTP secret, unlike a password, cannot be hashed) under a
/// key from configuration. The ciphertext is bound to its owner: a row copied to another user does not open.
/// </summary>
public interface ISecretProtector
{
    ProtectedSecret Protect(ReadOnlySpan<byte> secret, Guid ownerId);

    /// <summary>The secret, and whether it was sealed under an older key (the caller may seal it again).</summary>
    (byte[] Secret, bool SealedWithOlderKey) Unprotect(ProtectedSecret protectedSecret, Guid ownerId);
}
