using Microsoft.EntityFrameworkCore;
using Veza.Domain.Social;
using Veza.Infrastructure.Persistence;

namespace Veza.Infrastructure.Social;

internal sealed class FollowRepository(VezaDbContext db) : IFollowRepository
{
    // Straight to the database, inside the command's transaction: ON CONFLICT makes a repeated or
    // concurrent follow a no-op where an EF insert would hit the unique pair index.
    public Task AddIfMissingAsync(Follow follow, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync(
            $"INSERT INTO follows (id, follower_id, followee_id, created_at) VALUES ({follow.Id}, {follow.FollowerId}, {follow.FolloweeId}, {follow.CreatedAt}) ON CONFLICT (follower_id, followee_id) DO NOTHING",
            cancellationToken);

    public Task RemoveAsync(Guid followerId, Guid followeeId, CancellationToken cancellationToken) =>
        db.Set<Follow>().Where(f => f.FollowerId == followerId && f.FolloweeId == followeeId).ExecuteDeleteAsync(cancellationToken);

    public Task RemoveBetweenAsync(Guid userA, Guid userB, CancellationToken cancellationToken) =>
        db.Set<Follow>().Where(f => (f.FollowerId == userA && f.FolloweeId == userB) || (f.FollowerId == userB && f.FolloweeId == userA))
            .ExecuteDeleteAsync(cancellationToken);

    public Task RemoveAllOfAsync(Guid userId, CancellationToken cancellationToken) =>
        db.Set<Follow>().Where(f => f.FollowerId == userId || f.FolloweeId == userId).ExecuteDeleteAsync(cancellationToken);
}
