using Microsoft.EntityFrameworkCore;
using Veza.Domain.Social;
using Veza.Infrastructure.Persistence;

namespace Veza.Infrastructure.Social;

internal sealed class BlockRepository(VezaDbContext db) : IBlockRepository
{
    public Task AddIfMissingAsync(Block block, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync(
            $"INSERT INTO blocks (id, blocker_id, blocked_id, created_at) VALUES ({block.Id}, {block.BlockerId}, {block.BlockedId}, {block.CreatedAt}) ON CONFLICT (blocker_id, blocked_id) DO NOTHING",
            cancellationToken);

    public Task RemoveAsync(Guid blockerId, Guid blockedId, CancellationToken cancellationToken) =>
        db.Set<Block>().Where(b => b.BlockerId == blockerId && b.BlockedId == blockedId).ExecuteDeleteAsync(cancellationToken);

    public Task<bool> IsBlockedAsync(Guid userA, Guid userB, CancellationToken cancellationToken) =>
        db.Set<Block>().AnyAsync(b => (b.BlockerId == userA && b.BlockedId == userB) || (b.BlockerId == userB && b.BlockedId == userA), cancellationToken);

    public Task RemoveAllOfAsync(Guid userId, CancellationToken cancellationToken) =>
        db.Set<Block>().Where(b => b.BlockerId == userId || b.BlockedId == userId).ExecuteDeleteAsync(cancellationToken);
}
