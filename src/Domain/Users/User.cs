using Veza.Domain.Common;
using Veza.Domain.Ports;

namespace Veza.Domain.Users;

public sealed class User : Entity
{
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

    public static User Register(string username, string email, string passwordHash, DateTimeOffset now, Role role = Role.User)
    {
        if (!UsernameRules.IsValid(username))
        {
            throw new DomainException(UsernameRules.Message);
        }

        if (!EmailRules.IsValid(email))
        {
            throw new DomainException(EmailRules.Message);
        }

        ArgumentException.ThrowIfNullOrEmpty(passwordHash);
        var user = new User
        {
            Id = Guid.CreateVersion7(now),
            Username = username,
            NormalizedUsername = UsernameRules.Normalize(username),
            Email = email,
            NormalizedEmail = EmailRules.Normalize(email),
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
