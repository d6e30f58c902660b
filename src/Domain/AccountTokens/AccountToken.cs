using Veza.Domain.Common;

namespace Veza.Domain.AccountTokens;

/// <summary>
/// A single-use secret mailed or handed to one user for one purpose (verify an address, reset a password,
/// sign in by link, finish a second factor, swap an OAuth login code). Only the hash of the secret is
/// stored; the secret itself is shown once. A token is usable until it is redeemed, expires, or a newer
/// token of the same purpose for the same user supersedes it.
/// </summary>
public sealed class AccountToken : Entity
{
    private AccountToken()
    {
        TokenHash = string.Empty;
    }

    public Guid UserId { get; private set; }
    public AccountTokenPurpose Purpose { get; private set; }
    public string TokenHash { get; private set; }

    /// <summary>What the token carries besides the user (the new address of an email change); never a secret.</summary>
    public string? Payload { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? RedeemedAt { get; private set; }
    public DateTimeOffset? SupersededAt { get; private set; }

    public static AccountToken Issue(Guid userId, AccountTokenPurpose purpose, string tokenHash, DateTimeOffset now, string? payload = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(tokenHash);
        return new AccountToken
        {
            Id = Guid.CreateVersion7(now),
            UserId = userId,
            Purpose = purpose,
            TokenHash = tokenHash,
            Payload = payload,
            CreatedAt = now,
            ExpiresAt = now + purpose.Lifetime(),
        };
    }

    public bool IsUsableAt(DateTimeOffset now) => RedeemedAt is null && SupersededAt is null && now < ExpiresAt;

    /// <summary>Spends the token. Every refusal is its own outcome for the audit trail; callers answer them all alike.</summary>
    public AccountTokenRedemption Redeem(DateTimeOffset now)
    {
        if (RedeemedAt is not null)
        {
            return AccountTokenRedemption.AlreadyRedeemed;
        }

        if (SupersededAt is not null)
        {
            return AccountTokenRedemption.Superseded;
        }

        if (now >= ExpiresAt)
        {
            return AccountTokenRedemption.Expired;
        }

        RedeemedAt = now;
        return AccountTokenRedemption.Redeemed;
    }

    /// <summary>A newer token of the same purpose was issued: this one no longer works.</summary>
    public void Supersede(DateTimeOffset now)
    {
        if (IsUsableAt(now))
        {
            SupersededAt = now;
        }
    }
}

public enum AccountTokenRedemption
{
    Redeemed,
    AlreadyRedeemed,
    Superseded,
    Expired,
}
