using Veza.Domain.Common;

namespace Veza.Domain.Mfa;

/// <summary>
/// A user's TOTP second factor: the secret (encrypted; pending until a first code confirms the
/// authenticator has it), the last step a code was accepted for (no code is accepted twice), and the
/// hashes of the recovery codes not yet used. The entity's <see cref="Entity.Id"/> is the user's id.
/// </summary>
public sealed class MfaEnrolment : Entity
{
    private string[] _recoveryCodeHashes = [];

    private MfaEnrolment()
    {
        SecretKeyId = SecretCiphertext = string.Empty;
    }

    public string SecretKeyId { get; private set; }
    public string SecretCiphertext { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>When a first code confirmed it; null while pending.</summary>
    public DateTimeOffset? EnabledAt { get; private set; }

    /// <summary>The latest step a code was accepted for (confirmation included); codes of it and earlier steps are refused.</summary>
    public long? LastAcceptedStep { get; private set; }

    public IReadOnlyList<string> RecoveryCodeHashes => _recoveryCodeHashes;

    public bool IsEnabled => EnabledAt is not null;

    public ProtectedSecret Secret => new(SecretKeyId, SecretCiphertext);

    public static MfaEnrolment Begin(Guid userId, ProtectedSecret secret, DateTimeOffset now) => new()
    {
        Id = userId,
        SecretKeyId = secret.KeyId,
        SecretCiphertext = secret.Ciphertext,
        CreatedAt = now,
        UpdatedAt = now,
    };

    /// <summary>A new setup before confirming replaces the pending secret (the old QR code stops working).</summary>
    public void Restart(ProtectedSecret secret, DateTimeOffset now)
    {
        EnsurePending();
        SecretKeyId = secret.KeyId;
        SecretCiphertext = secret.Ciphertext;
        LastAcceptedStep = null;
        CreatedAt = now;
        UpdatedAt = now;
    }

    /// <summary>The first code proved the authenticator holds the secret: the factor is on, and that code is spent.</summary>
    public void Enable(long acceptedStep, IEnumerable<string> recoveryCodeHashes, DateTimeOffset now)
    {
        EnsurePending();
        if (!TryAcceptStep(acceptedStep, now))
        {
            throw new DomainException("This code was already used.");
        }

        EnabledAt = now;
        _recoveryCodeHashes = [.. recoveryCodeHashes];
    }

    /// <summary>Spends the step a code matched; false when that step (or a later one) was already spent.</summary>
    public bool TryAcceptStep(long step, DateTimeOffset now)
    {
        if (LastAcceptedStep is { } last && step <= last)
        {
            return false;
        }

        LastAcceptedStep = step;
        UpdatedAt = now;
        return true;
    }

    /// <summary>Spends the recovery code with this hash; false when there is none (never issued, or already used).</summary>
    public bool TryUseRecoveryCode(string codeHash, DateTimeOffset now)
    {
        EnsureEnabled();
        if (!_recoveryCodeHashes.Contains(codeHash, StringComparer.Ordinal))
        {
            return false;
        }

        _recoveryCodeHashes = [.. _recoveryCodeHashes.Where(h => !string.Equals(h, codeHash, StringComparison.Ordinal))];
        UpdatedAt = now;
        return true;
    }

    /// <summary>New recovery codes; every earlier one stops working.</summary>
    public void ReplaceRecoveryCodes(IEnumerable<string> recoveryCodeHashes, DateTimeOffset now)
    {
        EnsureEnabled();
        _recoveryCodeHashes = [.. recoveryCodeHashes];
        UpdatedAt = now;
    }

    /// <summary>The secret sealed again (under the current key after a rotation); it stays the same secret.</summary>
    public void Reseal(ProtectedSecret secret, DateTimeOffset now)
    {
        SecretKeyId = secret.KeyId;
        SecretCiphertext = secret.Ciphertext;
        UpdatedAt = now;
    }

    public void EnsureEnabled()
    {
        if (!IsEnabled)
        {
            throw new DomainException("Two-factor authentication is not on for this account.");
        }
    }

    private void EnsurePending()
    {
        if (IsEnabled)
        {
            throw new DomainException("Two-factor authentication is already on for this account. Turn it off first to set it up again.");
        }
    }
}
