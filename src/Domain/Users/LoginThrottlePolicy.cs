namespace Veza.Domain.Users;

/// <summary>
/// How many failed sign-ins one key may have inside <see cref="Window"/> before each further failure
/// locks it, for <see cref="FirstLock"/> doubling up to <see cref="LongestLock"/>. Locks are forgotten
/// one per <see cref="LockDecay"/> without a new one, so the owner is never locked out for good.
/// See docs/decisions/0008 for what an attacker can and cannot do under the two policies.
/// </summary>
public sealed record LoginThrottlePolicy(string Scope, int MaxFailures, TimeSpan Window, TimeSpan FirstLock, TimeSpan LongestLock, TimeSpan LockDecay)
{
    /// <summary>
    /// One submitted login from one address: a guesser there is slowed geometrically, and nobody
    /// else's address is affected, so an attacker cannot lock the owner out.
    /// </summary>
    public static readonly LoginThrottlePolicy PerLoginAndAddress = new(
        "login+address", MaxFailures: 5, Window: TimeSpan.FromMinutes(15), FirstLock: TimeSpan.FromMinutes(1), LongestLock: TimeSpan.FromMinutes(15), LockDecay: TimeSpan.FromHours(1));

    /// <summary>
    /// One submitted login from all addresses together: a guesser with many addresses gets 100 tries
    /// an hour, then one every 30 seconds. Addresses the account signed in from recently are exempt,
    /// so the owner at home keeps signing in while it holds.
    /// </summary>
    public static readonly LoginThrottlePolicy PerLogin = new(
        "login", MaxFailures: 100, Window: TimeSpan.FromHours(1), FirstLock: TimeSpan.FromSeconds(30), LongestLock: TimeSpan.FromSeconds(30), LockDecay: TimeSpan.FromHours(1));

    /// <summary>
    /// Second-factor codes for one account, from anywhere (the first factor already named the account):
    /// 5 wrong codes in 15 minutes, then each further one locks the account's second step for 1, 2, 4 ...
    /// up to 15 minutes. A million codes cannot be walked through; the owner waits minutes at worst.
    /// </summary>
    public static readonly LoginThrottlePolicy SecondFactor = new(
        "mfa", MaxFailures: 5, Window: TimeSpan.FromMinutes(15), FirstLock: TimeSpan.FromMinutes(1), LongestLock: TimeSpan.FromMinutes(15), LockDecay: TimeSpan.FromHours(1));

    public TimeSpan LockDuration(int lockCount)
    {
        var doubled = FirstLock.TotalMilliseconds * Math.Pow(2, Math.Clamp(lockCount - 1, 0, 30));
        return TimeSpan.FromMilliseconds(Math.Min(doubled, LongestLock.TotalMilliseconds));
    }
}
