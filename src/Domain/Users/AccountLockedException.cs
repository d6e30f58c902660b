namespace Veza.Domain.Users;

/// <summary>Too many failed logins for one account: try again after <see cref="RetryAfter"/> (429).</summary>
public sealed class AccountLockedException(TimeSpan retryAfter)
    : Exception("Too many failed login attempts for this account. Try again later.")
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
