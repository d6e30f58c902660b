using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Veza.Domain.Social;
using Veza.Infrastructure.Persistence;

namespace Veza.Infrastructure.Social;

internal sealed class BlockRepository(VezaDbContext db) : IBlockRepository
{
    /// <summary>A transaction-scoped advisory lock on a 64-bit key hashed from the ordered pair (released at commit or rollback).</summary>
    public Task LockPairAsync(Guid userA, Guid userB, CancellationToken cancellationToken)
    {
        var key = PairLockKey(userA, userB);
        return db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({key})", cancellationToken);
    }

    /// <summary>The same key for (a, b) and (b, a).</summary>
    internal static long PairLockKey(Guid userA, Guid userB)
    {
        var (low, high) = userA.CompareTo(userB) <= 0 ? (userA, userB) : (userB, userA);
        Span<byte> pair = stackalloc byte[33];
        pair[0] = (byte)'P'; // social pair locks, apart from any other use of a hashed key
        low.TryWriteBytes(pair[1..17]);
        high.TryWriteBytes(pair[17..]);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(pair, hash);
        return BitConverter.ToInt64(hash);
    }

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
