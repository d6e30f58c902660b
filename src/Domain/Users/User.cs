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

    /// <summary>
    /// Checks a password. Brute force is held off before this is called (<see cref="LoginThrottle"/>),
    /// per submitted login and address rather than per account, so nobody can lock the owner out.
    /// </summary>
    public PasswordVerification VerifyPassword(string password, IPasswordHasher hasher) => hasher.Verify(PasswordHash, password);

    public void RecordSuccessfulLogin(DateTimeOffset now)
    {
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
