using Veza.Application.Common.Exceptions;
using Veza.Domain.Ports;
using Veza.Domain.Sessions;
using Veza.Domain.Users;

namespace Veza.Application.Auth;

/// <summary>
/// The brute-force policy around every password check (sign-in, password change), keyed by what was
/// submitted and where from, never by whether an account exists: an unknown login is throttled
/// exactly like a real one, with the same answer (docs/decisions/0008).
/// </summary>
public sealed class LoginGuard(ILoginThrottleRepository throttles, ISessionRepository sessions, ICurrentUser caller, IClock clock, IPasswordHasher hasher)
{
    /// <summary>An address the account signed in from within this long is its owner's as far as the per-login policy goes.</summary>
    public static readonly TimeSpan KnownAddressMemory = TimeSpan.FromDays(30);

    private const string UnknownAddress = "unknown";

    // What the check read for this login at this address, so the success that follows in the same
    // request does not read it again (the guard is scoped to the request).
    private (string Key, LoginThrottle? Throttle)? _readHere;

    /// <summary>Throws <see cref="RateLimitedException"/> (429 with Retry-After) while the login may not be tried from here.</summary>
    /// <param name="accountId">The account the login names, if any: its recent addresses are exempt from the per-login policy.</param>
    public async Task EnsureAllowedAsync(string login, Guid? accountId, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        var (perAddress, perLogin) = Keys(login);
        var here = await throttles.FindAsync(perAddress, cancellationToken);
        _readHere = (perAddress, here);
        if (here?.LockedFor(now) is { } wait)
        {
            throw Throttled(wait);
        }

        if ((await throttles.FindAsync(perLogin, cancellationToken))?.LockedFor(now) is { } waitEverywhere
            // Asked for a made-up login too (with an id no account has), so timing tells nothing.
            && !await sessions.StartedFromAddressSinceAsync(accountId ?? Guid.Empty, Address, now - KnownAddressMemory, cancellationToken))
        {
            throw Throttled(waitEverywhere);
        }
    }

    /// <summary>
    /// Checks the password a signed-in user gives to confirm a sensitive change (a new password, deleting
    /// the account) under the same throttle as sign-in, so a stolen access token is no way to guess it.
    /// False, with the failure counted, when it is wrong; 429 while the login is throttled. An account made
    /// through a provider has no password to confirm until its owner sets one: 422 (<see cref="NoPasswordSetException"/>).
    /// </summary>
    public async Task<bool> ConfirmPasswordAsync(User user, string password, CancellationToken cancellationToken)
    {
        if (!user.HasPassword)
        {
            throw new NoPasswordSetException();
        }

        await EnsureAllowedAsync(user.Username, user.Id, cancellationToken);
        if (user.VerifyPassword(password, hasher) != PasswordVerification.Failed)
        {
            return true;
        }

        await RecordFailureAsync(user.Username, cancellationToken);
        return false;
    }

    /// <summary>Counts a wrong password against both keys; saved with the unit of work (the failure is an <see cref="IRecordedFailure"/>).</summary>
    public async Task RecordFailureAsync(string login, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        var (perAddress, perLogin) = Keys(login);
        (await throttles.HoldAsync(perAddress, LoginThrottlePolicy.PerLoginAndAddress, now, cancellationToken)).RecordFailure(LoginThrottlePolicy.PerLoginAndAddress, now);
        (await throttles.HoldAsync(perLogin, LoginThrottlePolicy.PerLogin, now, cancellationToken)).RecordFailure(LoginThrottlePolicy.PerLogin, now);
    }

    /// <summary>
    /// Clears this address's failures. The per-login count is left to its window: a success at one
    /// address says nothing about a guesser at others.
    /// </summary>
    public async Task RecordSuccessAsync(string login, CancellationToken cancellationToken)
    {
        var (perAddress, _) = Keys(login);
        var here = _readHere is { } read && read.Key == perAddress ? read.Throttle : await throttles.FindAsync(perAddress, cancellationToken);
        if (here is { Failures: > 0 })
        {
            var now = clock.UtcNow;
            (await throttles.HoldAsync(perAddress, LoginThrottlePolicy.PerLoginAndAddress, now, cancellationToken)).RecordSuccess(now);
        }
    }

    private string Address => caller.IpAddress ?? UnknownAddress;

    private (string PerAddress, string PerLogin) Keys(string login)
    {
        var normalized = LoginName.Normalize(login);
        return (LoginThrottle.KeyFor(LoginThrottlePolicy.PerLoginAndAddress, normalized, Address), LoginThrottle.KeyFor(LoginThrottlePolicy.PerLogin, normalized, null));
    }

    private static RateLimitedException Throttled(TimeSpan wait) => new(wait, "Too many failed sign-in attempts. Try again later.");
}
