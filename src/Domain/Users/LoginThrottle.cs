namespace Veza.Domain.Users;

/// <summary>
/// Brute-force policy for one account: <see cref="MaxFailures"/> failures inside <see cref="Window"/>
/// lock further attempts for a while. Each lock doubles the previous one (1, 2, 4 ... 15 minutes),
/// so a guesser slows down geometrically while the real owner is never locked out for good.
/// </summary>
public static class LoginThrottle
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan FirstLock = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan LongestLock = TimeSpan.FromMinutes(15);

    public static TimeSpan LockDuration(int lockCount)
    {
        var minutes = FirstLock.TotalMinutes * Math.Pow(2, Math.Max(0, lockCount - 1));
        return TimeSpan.FromMinutes(Math.Min(minutes, LongestLock.TotalMinutes));
    }
}
