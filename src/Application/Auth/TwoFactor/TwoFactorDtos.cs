namespace Veza.Application.Auth.TwoFactor;

/// <param name="Secret">The TOTP secret in base32, for typing into an authenticator app by hand.</param>
/// <param name="OtpauthUri">The otpauth:// URI an authenticator app reads from the QR code.</param>
/// <param name="QrCodePng">The QR code of <paramref name="OtpauthUri"/>, a PNG image in base64.</param>
public sealed record TwoFactorSetupDto(string Secret, string OtpauthUri, string QrCodePng);

/// <param name="RecoveryCodes">Shown once: each works once in place of a code; only their hashes are kept.</param>
public sealed record RecoveryCodesDto(IReadOnlyList<string> RecoveryCodes);

/// <param name="Enabled">True when sign-in asks for a second factor.</param>
/// <param name="Pending">True when a setup is waiting for its first code (POST /auth/2fa/confirm).</param>
public sealed record TwoFactorStatusDto(bool Enabled, bool Pending, DateTimeOffset? EnabledAt, int RecoveryCodesLeft);
