using Microsoft.EntityFrameworkCore;
using Veza.Domain.Users;
using Veza.Infrastructure.Persistence;

namespace Veza.Infrastructure.Users;

internal sealed class LoginThrottleRepository(VezaDbContext db) : ILoginThrottleRepository
{
    public Task<LoginThrottle?> FindAsync(string keyHash, CancellationToken cancellationToken) =>
        db.LoginThrottles.AsNoTracking().FirstOrDefaultAsync(t => t.KeyHash == keyHash, cancellationToken);

    public async Task<LoginThrottle> HoldAsync(string keyHash, LoginThrottlePolicy policy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Insert-if-missing then lock the row: concurrent failures queue on it and each is counted,
        // where optimistic concurrency would drop some (and answer 409, which tells a guesser more).
        var fresh = LoginThrottle.Start(keyHash, policy, now);
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO login_throttles (id, key_hash, scope, failures, lock_count, updated_at) VALUES ({fresh.Id}, {keyHash}, {policy.Scope}, 0, 0, {now}) ON CONFLICT (key_hash) DO NOTHING",
            cancellationToken);
        var held = await db.LoginThrottles.FromSql($"SELECT * FROM login_throttles WHERE key_hash = {keyHash} FOR UPDATE").ToListAsync(cancellationToken);
        return held.Single();
    }
}
