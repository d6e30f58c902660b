using Veza.Domain.Common;

namespace Veza.Domain.Social;

/// <summary>One user following another. At most one per pair (the store ignores a second); never oneself.</summary>
public sealed class Follow : Entity
{
    private Follow()
    {
    }

    public Guid FollowerId { get; private set; }
    public Guid FolloweeId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    /// <exception cref="DomainException">When <paramref name="followerId"/> and <paramref name="followeeId"/> are the same user.</exception>
    public static Follow Start(Guid followerId, Guid followeeId, DateTimeOffset now)
    {
        if (followerId == followeeId)
        {
            throw new DomainException("You cannot follow yourself.");
        }

        return new Follow { Id = Guid.CreateVersion7(now), FollowerId = followerId, FolloweeId = followeeId, CreatedAt = now };
    }
}
