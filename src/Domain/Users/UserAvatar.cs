using Veza.Domain.Common;

namespace Veza.Domain.Users;

/// <summary>
/// A user's current avatar. <see cref="Version"/> changes with every upload: it names the stored
/// files and is the ETag, so a new avatar is a new URL and caches never serve a stale one.
/// The entity's <see cref="Entity.Id"/> is the user's id (one avatar per user).
/// </summary>
public sealed class UserAvatar : Entity
{
    private UserAvatar()
    {
    }

    public Guid Version { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public static UserAvatar For(Guid userId, DateTimeOffset now) => new() { Id = userId, Version = Guid.CreateVersion7(now), UpdatedAt = now };

    public void Replace(DateTimeOffset now)
    {
        Version = Guid.CreateVersion7(now);
        UpdatedAt = now;
    }
}
