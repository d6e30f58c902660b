using Veza.Domain.Common;

namespace Veza.Domain.Identities;

/// <summary>
/// A link between a user and their account at an outside provider: signing in there signs them in
/// here. One link per provider per user; one user per provider account.
/// </summary>
public sealed class UserIdentity : Entity
{
    public const int SubjectMaxLength = 255;

    private UserIdentity()
    {
        Subject = string.Empty;
    }

    public Guid UserId { get; private set; }
    public ExternalProvider Provider { get; private set; }

    /// <summary>The provider's stable id of the account (OIDC <c>sub</c>, GitHub/Discord user id); never its email, which can change.</summary>
    public string Subject { get; private set; }

    /// <summary>The address the provider gave when the link was made or last used; shown to the owner, never used to sign in.</summary>
    public string? Email { get; private set; }

    public DateTimeOffset LinkedAt { get; private set; }
    public DateTimeOffset? LastUsedAt { get; private set; }

    public static UserIdentity Link(Guid userId, ExternalProvider provider, string subject, string? email, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        if (subject.Length > SubjectMaxLength)
        {
            throw new DomainException($"A provider's account id is at most {SubjectMaxLength} characters.");
        }

        return new UserIdentity
        {
            Id = Guid.CreateVersion7(now),
            UserId = userId,
            Provider = provider,
            Subject = subject,
            Email = email,
            LinkedAt = now,
        };
    }

    /// <summary>The owner signed in through it again; the provider's current address is kept for display.</summary>
    public void RecordUse(string? email, DateTimeOffset now)
    {
        Email = email ?? Email;
        LastUsedAt = now;
    }
}
