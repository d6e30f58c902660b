using System.Text.RegularExpressions;
using Veza.Domain.Common;
using Veza.Domain.Ports;

namespace Veza.Domain.Users;

public sealed partial class User : Entity
{
    public const int UsernameMinLength = 3;
    public const int UsernameMaxLength = 30;
    public const int EmailMaxLength = 254;

    private User()
    {
        Username = Email = NormalizedUsername = NormalizedEmail = PasswordHash = string.Empty;
    }

    public string Username { get; private set; }
    public string NormalizedUsername { get; private set; }
    public string Email { get; private set; }
    public string NormalizedEmail { get; private set; }
    public string PasswordHash { get; private set; }
    public Role Role { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public DateTimeOffset? PasswordChangedAt { get; private set; }
    public DateTimeOffset? LastLoginAt { get; private set; }

    // Brute-force state: failures in the current window, when the window began, how many locks so far.
    public int FailedLoginCount { get; private set; }
    public DateTimeOffset? FirstFailedLoginAt { get; private set; }
    public int LockCount { get; private set; }
    public DateTimeOffset? LockedUntil { get; private set; }

    [GeneratedRegex("^[a-z0-9_]+$", RegexOptions.CultureInvariant)]
    private static partial Regex UsernamePattern();

    public static bool IsValidUsername(string? username) =>
        username is { Length: >= UsernameMinLength and <= UsernameMaxLength } && UsernamePattern().IsMatch(username);

    public static string NormalizeUsername(string username) => username.Trim().ToLowerInvariant();

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    public static User Register(string username, string email, string passwordHash, DateTimeOffset now, Role role = Role.User)
    {
        if (!IsValidUsername(username))
        {
            throw new DomainException($"Username must be {UsernameMinLength} to {UsernameMaxLength} characters of a-z, 0-9 and _.");
        }

        if (string.IsNullOrWhiteSpace(email) || email.Length > EmailMaxLength || !email.Contains('@', StringComparison.Ordinal))
        {
            throw new DomainException("Email is not valid.");
        }

        ArgumentException.ThrowIfNullOrEmpty(passwordHash);
        var user = new User
        {
            Id = Guid.CreateVersion7(now),
            Username = username,
            NormalizedUsername = NormalizeUsername(username),
            Email = email.Trim(),
            NormalizedEmail = NormalizeEmail(email),
            PasswordHash = passwordHash,
            Role = role,
            CreatedAt = now,
            UpdatedAt = now,
        };
        user.Raise(new UserRegistered(user.Id, user.Username, user.Email, now));
        return user;
    }

    /// <summary>Throws <see cref="AccountLockedException"/> while the account is locked after repeated failures.</summary>
    public void EnsureLoginAllowed(DateTimeOffset now)
    {
        if (LockedUntil is { } until && until > now)
        {
            throw new AccountLockedException(until - now);
        }
    }

    public void RecordFailedLogin(DateTimeOffset now)
    {
        if (FirstFailedLoginAt is not { } first || now - first > LoginThrottle.Window)
        {
            FirstFailedLoginAt = now;
            FailedLoginCount = 0;
        }

        FailedLoginCount++;
        if (FailedLoginCount >= LoginThrottle.MaxFailures)
        {
            LockCount++;
            LockedUntil = now + LoginThrottle.LockDuration(LockCount);
            FailedLoginCount = 0;
            FirstFailedLoginAt = null;
        }

        UpdatedAt = now;
    }

    /// <summary>
    /// Checks a password under the brute-force policy: refused while locked
    /// (<see cref="AccountLockedException"/>), and a wrong one counts as a failed login.
    /// </summary>
    public PasswordVerification VerifyPassword(string password, IPasswordHasher hasher, DateTimeOffset now)
    {
        EnsureLoginAllowed(now);
        var verification = hasher.Verify(PasswordHash, password);
        if (verification == PasswordVerification.Failed)
        {
            RecordFailedLogin(now);
        }

        return verification;
    }

    public void RecordSuccessfulLogin(DateTimeOffset now)
    {
        FailedLoginCount = 0;
        FirstFailedLoginAt = null;
        LockCount = 0;
        LockedUntil = null;
        LastLoginAt = now;
        UpdatedAt = now;
    }

    /// <summary>Replaces the stored hash with one of the same password under newer parameters.</summary>
    public void UpgradePasswordHash(string passwordHash)
    {
        ArgumentException.ThrowIfNullOrEmpty(passwordHash);
        PasswordHash = passwordHash;
    }

    public void ChangePassword(string newPasswordHash, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(newPasswordHash);
        PasswordHash = newPasswordHash;
        PasswordChangedAt = now;
        UpdatedAt = now;
        Raise(new PasswordChanged(Id, now));
    }

    public void ChangeRole(Role role, DateTimeOffset now)
    {
        if (Role == role)
        {
            return;
        }

        Role = role;
        UpdatedAt = now;
    }
}
