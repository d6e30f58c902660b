namespace Veza.Domain.Social;

public interface IFollowRepository
{
    /// <summary>Stores the follow unless the pair already exists (idempotent, safe under concurrent calls).</summary>
    Task AddIfMissingAsync(Follow follow, CancellationToken cancellationToken);

    /// <summary>Removes <paramref name="followerId"/> following <paramref name="followeeId"/>, if it exists.</summary>
    Task RemoveAsync(Guid followerId, Guid followeeId, CancellationToken cancellationToken);

    /// <summary>Removes the follows between two users, both ways.</summary>
    Task RemoveBetweenAsync(Guid userA, Guid userB, CancellationToken cancellationToken);

    /// <summary>Removes every follow the user gives or receives.</summary>
    Task RemoveAllOfAsync(Guid userId, CancellationToken cancellationToken);
}
