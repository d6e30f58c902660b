using System.Linq.Expressions;
using Veza.Domain.Common;
using Veza.Domain.Ports;

namespace Veza.Domain.Users;

public sealed class User : Entity
{
    private User()
    {
        Username = Email = NormalizedUsername = NormalizedEmail = string.Empty;
    }

    public string Username { get; private set; }
    public string NormalizedUsername { get; private set; }
    public string Email { get; private set; }
    public string NormalizedEmail { get; private set; }
    /// <summary>Null for an account made through an outside provider until its owner sets a password (by reset).</summary>
    public string? PasswordHash { get; private set; }

    /// <summary>False while the account can only be entered through a linked provider (or an emailed link).</summary>
    public bool HasPassword => PasswordHash is not null;
    public Role Role { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public DateTimeOffset? PasswordChangedAt { get; private set; }
    public DateTimeOffset? LastLoginAt { get; private set; }

    /// <summary>When the owner proved they read mail at <see cref="Email"/>; null until then (and again after an unproven change).</summary>
    public DateTimeOffset? EmailVerifiedAt { get; private set; }

    public bool IsEmailVerified => EmailVerifiedAt is not null;

    // Public profile; every field optional.
    public string? DisplayName { get; private set; }
    public string? FirstName { get; private set; }
    public string? LastName { get; private set; }
    public string? Bio { get; private set; }
    public string? Location { get; private set; }
    public IReadOnlyList<string> Links => _links;

    private string[] _links = [];

    public AccountStatus Status { get; private set; }
    public string? StatusReason { get; private set; }

    /// <summary>When a suspension ends by itself; null for a ban or an indefinite suspension.</summary>
    public DateTimeOffset? StatusUntil { get; private set; }

    public Plan Plan { get; private set; }
    public DateTimeOffset? DeletedAt { get; private set; }

    public static User Register(string username, string email, string passwordHash, DateTimeOffset now, Role role = Role.User)
    {
        ArgumentException.ThrowIfNullOrEmpty(passwordHash);
        return Create(username, email, passwordHash, now, role);
    }

    /// <summary>
    /// An account made by signing in with an outside provider: no password until the owner sets one
    /// through a reset (<see cref="ChangePassword"/>), so it can be entered only through a linked provider
    /// or an emailed link meanwhile.
    /// </summary>
    public static User RegisterWithoutPassword(string username, string email, DateTimeOffset now) => Create(username, email, null, now, Role.User);

    private static User Create(string username, string email, string? passwordHash, DateTimeOffset now, Role role)
    {
        if (!UsernameRules.IsValid(username))
        {
            throw new DomainException(UsernameRules.Message);
        }

        if (!EmailRules.IsValid(email))
        {
            throw new DomainException(EmailRules.Message);
        }

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

    /// <summary>True while the account may act: active, or suspended past its end date.</summary>
    public bool IsActiveAt(DateTimeOffset now) =>
        Status == AccountStatus.Active || (Status == AccountStatus.Suspended && StatusUntil is { } until && until <= now);

    /// <summary>
    /// <see cref="IsActiveAt"/> as an expression a database query can run (the admin filters); a test
    /// holds the two to the same answers. The per-request check keeps a compiled copy for speed.
    /// </summary>
    public static Expression<Func<User, bool>> ActiveAt(DateTimeOffset now) =>
        u => u.Status == AccountStatus.Active || (u.Status == AccountStatus.Suspended && u.StatusUntil != null && u.StatusUntil <= now);

    /// <summary>
    /// True when the account is already restricted at least as strongly as a suspension until
    /// <paramref name="until"/> (null: indefinite) would make it: banned, or suspended no shorter.
    /// A report's "suspend" must never shorten a ban or a longer suspension.
    /// </summary>
    public bool IsRestrictedAtLeastUntil(DateTimeOffset? until, DateTimeOffset now) =>
        !IsActiveAt(now) && (Status == AccountStatus.Banned
            || (Status == AccountStatus.Suspended && (StatusUntil is null || (until is { } wanted && StatusUntil >= wanted))));

    /// <summary>Throws <see cref="AccountRestrictedException"/> for a suspended or banned account; a deleted one is simply unknown.</summary>
    public void EnsureMaySignIn(DateTimeOffset now)
    {
        if (!IsActiveAt(now) && Status is AccountStatus.Suspended or AccountStatus.Banned)
        {
            throw new AccountRestrictedException(Status, Status == AccountStatus.Suspended ? StatusUntil : null);
        }
    }

    /// <summary>Applies the fields that are given (null leaves a field as it is; an empty string clears it).</summary>
    public void UpdateProfile(ProfileChanges changes, DateTimeOffset now)
    {
        EnsureNotDeleted();
        var problems = new[]
        {
            ProfileRules.Check(changes.FirstName, ProfileRules.NameMaxLength, "First name"),
            ProfileRules.Check(changes.LastName, ProfileRules.NameMaxLength, "Last name"),
            ProfileRules.Check(changes.DisplayName, ProfileRules.DisplayNameMaxLength, "Display name"),
            ProfileRules.Check(changes.Bio, ProfileRules.BioMaxLength, "Bio"),
            ProfileRules.Check(changes.Location, ProfileRules.LocationMaxLength, "Location"),
            ProfileRules.AreValidLinks(changes.Links) ? null : $"Links: at most {ProfileRules.MaxLinks} http(s) URLs.",
        }.Where(p => p is not null).ToArray();
        if (problems.Length > 0)
        {
            throw new DomainException(string.Join(" ", problems));
        }

        FirstName = Apply(changes.FirstName, FirstName);
        LastName = Apply(changes.LastName, LastName);
        DisplayName = Apply(changes.DisplayName, DisplayName);
        Bio = Apply(changes.Bio, Bio);
        Location = Apply(changes.Location, Location);
        _links = changes.Links is { } links ? [.. links] : _links;
        UpdatedAt = now;
        Raise(new ProfileUpdated(Id, now));

        static string? Apply(string? given, string? current) => given is null ? current : given.Trim() is { Length: > 0 } text ? text : null;
    }

    /// <param name="until">When the suspension ends by itself; null until lifted.</param>
    public void Suspend(string reason, DateTimeOffset? until, DateTimeOffset now) => ChangeStatus(AccountStatus.Suspended, reason, until, now);

    public void Ban(string reason, DateTimeOffset now) => ChangeStatus(AccountStatus.Banned, reason, null, now);

    public void Reinstate(string reason, DateTimeOffset now) => ChangeStatus(AccountStatus.Active, reason, null, now);

    public void ChangePlan(Plan plan, DateTimeOffset now)
    {
        EnsureNotDeleted();
        if (Plan != plan)
        {
            Plan = plan;
            UpdatedAt = now;
        }
    }

    /// <summary>
    /// Deletes the account as far as others allow: the profile and email are wiped, the password can
    /// never match, the username stays reserved, and the row stays so others' data still points at it.
    /// Revoking the sessions is the use case's part.
    /// </summary>
    public void Delete(DateTimeOffset now)
    {
        EnsureNotDeleted();
        Status = AccountStatus.Deleted;
        StatusReason = null;
        StatusUntil = null;
        DeletedAt = now;
        Email = NormalizedEmail = $"deleted-{Id:N}@deleted.invalid";
        PasswordHash = "!";
        FirstName = LastName = Bio = Location = null;
        DisplayName = "Deleted user";
        _links = [];
        UpdatedAt = now;
        Raise(new UserDeleted(Id, now));
    }

    /// <summary>
    /// Checks a password. Brute force is held off before this is called (<see cref="LoginThrottle"/>),
    /// per submitted login and address rather than per account, so nobody can lock the owner out.
    /// An account without a password spends the same time and fails, like a wrong password.
    /// </summary>
    public PasswordVerification VerifyPassword(string password, IPasswordHasher hasher)
    {
        if (PasswordHash is null)
        {
            hasher.VerifyAgainstDummy(password);
            return PasswordVerification.Failed;
        }

        return hasher.Verify(PasswordHash, password);
    }

    /// <summary>The owner followed a link mailed to the current address. Verifying twice keeps the first time.</summary>
    /// <returns>True the first time: until now, whoever registered the address may not have been its owner.</returns>
    public bool MarkEmailVerified(DateTimeOffset now)
    {
        EnsureNotDeleted();
        if (EmailVerifiedAt is not null)
        {
            return false;
        }

        EmailVerifiedAt = now;
        UpdatedAt = now;
        return true;
    }

    /// <summary>
    /// The owner of the address signed in without a password (magic link) on an account whose password
    /// someone else may have chosen before the owner proved the address: that password stops working.
    /// </summary>
    public void RemovePassword(DateTimeOffset now)
    {
        EnsureNotDeleted();
        PasswordHash = null;
        PasswordChangedAt = now;
        UpdatedAt = now;
    }

    /// <summary>
    /// Moves the account to <paramref name="newEmail"/>. Only called once the owner followed a link mailed
    /// there, so the new address counts as verified from now. Uniqueness is the use case's to check.
    /// </summary>
    public void ChangeEmail(string newEmail, DateTimeOffset now)
    {
        EnsureNotDeleted();
        if (!EmailRules.IsValid(newEmail))
        {
            throw new DomainException(EmailRules.Message);
        }

        Email = newEmail;
        NormalizedEmail = EmailRules.Normalize(newEmail);
        EmailVerifiedAt = now;
        UpdatedAt = now;
    }

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
        EnsureNotDeleted();
        if (Role == role)
        {
            return;
        }

        Role = role;
        UpdatedAt = now;
    }

    private void ChangeStatus(AccountStatus status, string reason, DateTimeOffset? until, DateTimeOffset now)
    {
        EnsureNotDeleted();
        if (until is { } end && end <= now)
        {
            throw new DomainException("A suspension must end in the future.");
        }

        Status = status;
        StatusReason = reason;
        StatusUntil = until;
        UpdatedAt = now;
        Raise(new UserStatusChanged(Id, status.ToName(), until, now));
    }

    private void EnsureNotDeleted()
    {
        if (Status == AccountStatus.Deleted)
        {
            throw new DomainException("This account has been deleted.");
        }
    }
}

/// <summary>Profile fields to change; null means "leave as it is".</summary>
public sealed record ProfileChanges(
    string? FirstName = null, string? LastName = null, string? DisplayName = null, string? Bio = null, string? Location = null, IReadOnlyList<string>? Links = null);
