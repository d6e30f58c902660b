using Veza.Application.Common.Exceptions;
using Veza.Domain.AccountTokens;
using Veza.Domain.Auditing;
using Veza.Domain.Ports;
using Veza.Domain.Users;

namespace Veza.Application.Auth.AccountTokens;

/// <summary>
/// Issues and redeems one-time account tokens (verification, reset, email change, magic link, second
/// factor, OAuth login code): 256 random bits, only the hash stored, single use, short-lived, and a new
/// token supersedes the user's older ones of the same purpose. Runs inside the caller's unit of work.
/// </summary>
public sealed class AccountTokenService(IAccountTokenRepository tokens, IUserRepository users, ITokenService secrets, IClock clock, IAuditTrail audit)
{
    /// <returns>The token and the secret to hand out (mailed or returned once; never stored).</returns>
    public async Task<IssuedAccountToken> IssueAsync(Guid userId, AccountTokenPurpose purpose, string? payload, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        foreach (var older in await tokens.ListUsableAsync(userId, purpose, now, cancellationToken))
        {
            older.Supersede(now);
        }

        var secret = secrets.CreateOpaqueToken();
        var token = AccountToken.Issue(userId, purpose, secrets.HashOpaqueToken(secret), now, payload);
        tokens.Add(token);
        return new IssuedAccountToken(token, secret);
    }

    /// <summary>
    /// Cancels every usable token of the user, whatever its purpose: after a password reset or change, a
    /// pending email-change link, magic link or sign-in code issued before it must not outlive it (an
    /// attacker who knew the old password could otherwise still move the account to their address).
    /// </summary>
    public async Task SupersedeAllAsync(Guid userId, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        foreach (var purpose in Enum.GetValues<AccountTokenPurpose>())
        {
            foreach (var token in await tokens.ListUsableAsync(userId, purpose, now, cancellationToken))
            {
                token.Supersede(now);
            }
        }
    }

    /// <summary>
    /// Spends the token with this secret. Unknown, expired, spent and superseded secrets are all refused
    /// with the same <see cref="InvalidAccountTokenException"/> on <paramref name="field"/>; the audit
    /// trail keeps which it was.
    /// </summary>
    public async Task<AccountToken> RedeemAsync(AccountTokenPurpose purpose, string secret, string field, CancellationToken cancellationToken)
    {
        var token = await FindAsync(purpose, secret, cancellationToken);
        var outcome = token?.Redeem(clock.UtcNow);
        if (token is null || outcome != AccountTokenRedemption.Redeemed)
        {
            audit.Record(AuditActions.AccountTokenRefused, AuditOutcomes.Failure, token?.UserId, $"{purpose.ToName()}: {(outcome?.ToString() ?? "unknown").ToLowerInvariant()}");
            throw new InvalidAccountTokenException(field);
        }

        return token;
    }

    /// <summary>
    /// Spends the token and loads the account it was issued to; an account deleted since is refused like a
    /// bad token (the same 400 on <paramref name="field"/>).
    /// </summary>
    public async Task<(AccountToken Token, User User)> RedeemForLiveUserAsync(AccountTokenPurpose purpose, string secret, string field, CancellationToken cancellationToken)
    {
        var token = await RedeemAsync(purpose, secret, field, cancellationToken);
        var user = await users.GetByIdAsync(token.UserId, cancellationToken);
        return user is null || user.Status == AccountStatus.Deleted ? throw new InvalidAccountTokenException(field) : (token, user);
    }

    /// <summary>
    /// The usable token with this secret, without spending it (a second-factor challenge is spent only by a
    /// correct code); refused like <see cref="RedeemAsync"/>.
    /// </summary>
    public async Task<AccountToken> PeekUsableAsync(AccountTokenPurpose purpose, string secret, string field, CancellationToken cancellationToken)
    {
        var token = await FindAsync(purpose, secret, cancellationToken);
        if (token is null || !token.IsUsableAt(clock.UtcNow))
        {
            audit.Record(AuditActions.AccountTokenRefused, AuditOutcomes.Failure, token?.UserId, $"{purpose.ToName()}: not usable");
            throw new InvalidAccountTokenException(field);
        }

        return token;
    }

    private Task<AccountToken?> FindAsync(AccountTokenPurpose purpose, string secret, CancellationToken cancellationToken) =>
        string.IsNullOrEmpty(secret) ? Task.FromResult<AccountToken?>(null) : tokens.FindAsync(purpose, secrets.HashOpaqueToken(secret), cancellationToken);
}

public sealed record IssuedAccountToken(AccountToken Token, string Secret);
