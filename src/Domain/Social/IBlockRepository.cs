namespace Veza.Domain.Social;

/// <summary>Blocks between users; also the check other features (chat, comments) ask before letting one user reach another.</summary>
public interface IBlockRepository
{
    /// <summary>
    /// Serialises everything that changes follows or blocks between the two users (either order) until the
    /// current transaction ends, so a follow checked against blocks cannot commit beside a block that
    /// removes follows. Call it first, inside the command's transaction.
    /// </summary>
    Task LockPairAsync(Guid userA, Guid userB, CancellationToken cancellationToken);

    /// <summary>Stores the block unless it already exists (idempotent, safe under concurrent calls).</summary>
    Task AddIfMissingAsync(Block block, CancellationToken cancellationToken);

    /// <summary>Removes <paramref name="blockerId"/>'s block of <paramref name="blockedId"/>, if it exists.</summary>
    Task RemoveAsync(Guid blockerId, Guid blockedId, CancellationToken cancellationToken);

    /// <summary>True when either user has blocked the other.</summary>
    Task<bool> IsBlockedAsync(Guid userA, Guid userB, CancellationToken cancellationToken);

    /// <summary>Removes every block the user placed or received.</summary>
    Task RemoveAllOfAsync(Guid userId, CancellationToken cancellationToken);
}
