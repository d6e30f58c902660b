using Veza.Domain.Common;

namespace Veza.Domain.Social;

/// <summary>
/// One user blocking another. While it stands neither follows the other, neither can start following,
/// and (from the chat feature on) the blocked user cannot message the blocker.
/// </summary>
public sealed class Block : Entity
{
    private Block()
    {
    }

    public Guid BlockerId { get; private set; }
    public Guid BlockedId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    /// <exception cref="DomainException">When <paramref name="blockerId"/> and <paramref name="blockedId"/> are the same user.</exception>
    public static Block Place(Guid blockerId, Guid blockedId, DateTimeOffset now)
    {
        if (blockerId == blockedId)
        {
            throw new DomainException("You cannot block yourself.");
        }

        return new Block { Id = Guid.CreateVersion7(now), BlockerId = blockerId, BlockedId = blockedId, CreatedAt = now };
    }
}
