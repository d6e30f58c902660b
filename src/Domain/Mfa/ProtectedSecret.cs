namespace Veza.Domain.Mfa;

/// <summary>
/// A TOTP secret encrypted at rest: the ciphertext (nonce, ciphertext and tag, base64) and the id of the
/// key that sealed it, so keys can be rotated and old rows still opened (docs/decisions/0016).
/// </summary>
public sealed record ProtectedSecret(string KeyId, string Ciphertext);
