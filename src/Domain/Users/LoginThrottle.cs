using System.Security.Cryptography;
using System.Text;
using Veza.Domain.Common;

namespace Veza.Domain.Users;

/// <summary>
/// Failed sign-ins counted for one key: a submitted login (whether or not an account has it, so the
/// answer never tells which accounts exist), alone or with the caller's address. The key is stored
/// as a hash: the table never holds the logins people mistype.
/// </summary>
public sealed class LoginThrottle : Entity
{
    private LoginThrottle()
    {
        KeyHash = Scope = string.Empty;
    }

    public string KeyHash { get; private set; }
    public string Scope { get; private set; }
    public int Failures { get; private set; }
    public DateTimeOffset? WindowStartedAt { get; private set; }
    public int LockCount { get; private set; }
    public DateTimeOffset? LastLockedAt { get; private set; }
    public DateTimeOffset? LockedUntil { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <param name="normalizedLogin">The login as the account lookup normalises it.</param>
    /// <param name="address">The caller's address for the per-address policy; null for the per-login one.</param>
    public static string KeyFor(LoginThrottlePolicy policy, string normalizedLogin, string? address) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{policy.Scope}\n{normalizedLogin}\n{address}")));

    public static LoginThrottle Start(string keyHash, LoginThrottlePolicy policy, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        KeyHash = keyHash,
        Scope = policy.Scope,
        UpdatedAt = now,
    };

    /// <returns>How long the key stays locked, or null when attempts are allowed.</returns>
    public TimeSpan? LockedFor(DateTimeOffset now) => LockedUntil is { } until && until > now ? until - now : null;

    public void RecordFailure(LoginThrottlePolicy policy, DateTimeOffset now)
    {
        if (WindowStartedAt is not { } started || now - started > policy.Window)
        {
            WindowStartedAt = now;
            Failures = 0;
        }

        Failures++;
        if (Failures >= policy.MaxFailures)
        {
            // Past the budget every failure locks again, each lock longer, until the window passes.
            LockCount = LocksRemembered(policy, now) + 1;
            LastLockedAt = now;
            LockedUntil = now + policy.LockDuration(LockCount);
        }

        UpdatedAt = now;
    }

    /// <summary>A success from this key clears its failures; earlier locks fade with time, not with a success.</summary>
    public void RecordSuccess(DateTimeOffset now)
    {
        Failures = 0;
        WindowStartedAt = null;
        LockedUntil = null;
        UpdatedAt = now;
    }

    /// <summary>Locks not yet forgotten: one is forgotten per <see cref="LoginThrottlePolicy.LockDecay"/> since the last.</summary>
    public int LocksRemembered(LoginThrottlePolicy policy, DateTimeOffset now)
    {
        if (LastLockedAt is not { } last)
        {
            return 0;
        }

        var forgotten = (int)Math.Min(int.MaxValue, Math.Floor((now - last) / policy.LockDecay));
        return Math.Max(0, LockCount - forgotten);
    }
}
