namespace Veza.Domain.Ports;

/// <summary>At most <see cref="PermitLimit"/> permits per <see cref="Window"/> for one key.</summary>
public sealed record RateLimitRule(int PermitLimit, TimeSpan Window);

public sealed record RateLimitDecision(bool Allowed, int Remaining, TimeSpan RetryAfter);

public interface IRateLimiter
{
    /// <summary>Takes one permit for <paramref name="key"/> under <paramref name="rule"/>.</summary>
    Task<RateLimitDecision> AcquireAsync(string key, RateLimitRule rule, CancellationToken cancellationToken);
}
