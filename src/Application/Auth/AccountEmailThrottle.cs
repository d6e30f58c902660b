using Veza.Application.Common.Exceptions;
using Veza.Domain.Ports;
using Veza.Domain.Users;

namespace Veza.Application.Auth;

/// <summary>
/// Limits how often one address (forgot password, magic link) or one account (verification resend) can
/// be mailed, whoever asks and from wherever: the per-IP policies of the endpoints stop one client, this
/// stops many clients flooding one mailbox. Unknown addresses are counted exactly like known ones, so a
/// 429 says nothing about whether an account exists.
/// </summary>
public sealed class AccountEmailThrottle(IRateLimiter limiter)
{
    /// <summary>Emails of one kind to one address (or account) per hour.</summary>
    public static readonly RateLimitRule PerRecipient = new(5, TimeSpan.FromHours(1));

    public Task EnsureAllowedForAddressAsync(string use, string email, CancellationToken cancellationToken) =>
        EnsureAllowedAsync($"{use}:email:{EmailRules.Normalize(email)}", cancellationToken);

    public Task EnsureAllowedForUserAsync(string use, Guid userId, CancellationToken cancellationToken) =>
        EnsureAllowedAsync($"{use}:user:{userId}", cancellationToken);

    private async Task EnsureAllowedAsync(string key, CancellationToken cancellationToken)
    {
        var decision = await limiter.AcquireAsync(key, PerRecipient, cancellationToken);
        if (!decision.Allowed)
        {
            throw new RateLimitedException(decision.RetryAfter, "Too many emails were asked for this address. Try again later.");
        }
    }
}
