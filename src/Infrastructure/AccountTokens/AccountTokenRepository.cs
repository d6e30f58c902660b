using Microsoft.EntityFrameworkCore;
using Veza.Domain.AccountTokens;
using Veza.Infrastructure.Persistence;

namespace Veza.Infrastructure.AccountTokens;

internal sealed class AccountTokenRepository(VezaDbContext db) : IAccountTokenRepository
{
    public Task<AccountToken?> FindAsync(AccountTokenPurpose purpose, string tokenHash, CancellationToken cancellationToken) =>
        db.Set<AccountToken>().FirstOrDefaultAsync(t => t.TokenHash == tokenHash && t.Purpose == purpose, cancellationToken);

    public async Task<IReadOnlyList<AccountToken>> ListUsableAsync(Guid userId, AccountTokenPurpose purpose, DateTimeOffset now, CancellationToken cancellationToken) =>
        await db.Set<AccountToken>()
            .Where(t => t.UserId == userId && t.Purpose == purpose && t.RedeemedAt == null && t.SupersededAt == null && t.ExpiresAt > now)
            .ToListAsync(cancellationToken);

    public void Add(AccountToken token) => db.Set<AccountToken>().Add(token);
}
