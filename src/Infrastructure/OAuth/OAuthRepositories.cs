using Microsoft.EntityFrameworkCore;
using Veza.Domain.Identities;
using Veza.Infrastructure.Persistence;

namespace Veza.Infrastructure.OAuth;

internal sealed class UserIdentityRepository(VezaDbContext db) : IUserIdentityRepository
{
    public Task<UserIdentity?> FindAsync(ExternalProvider provider, string subject, CancellationToken cancellationToken) =>
        db.Set<UserIdentity>().FirstOrDefaultAsync(i => i.Provider == provider && i.Subject == subject, cancellationToken);

    public async Task<IReadOnlyList<UserIdentity>> ListForUserAsync(Guid userId, CancellationToken cancellationToken) =>
        await db.Set<UserIdentity>().Where(i => i.UserId == userId).ToListAsync(cancellationToken);

    public void Add(UserIdentity identity) => db.Set<UserIdentity>().Add(identity);

    public void Remove(UserIdentity identity) => db.Set<UserIdentity>().Remove(identity);
}

internal sealed class PendingOAuthLoginRepository(VezaDbContext db) : IPendingOAuthLoginRepository
{
    public Task<PendingOAuthLogin?> FindByStateHashAsync(string stateHash, CancellationToken cancellationToken) =>
        db.Set<PendingOAuthLogin>().FirstOrDefaultAsync(p => p.StateHash == stateHash, cancellationToken);

    public void Add(PendingOAuthLogin login) => db.Set<PendingOAuthLogin>().Add(login);

    public Task DeleteExpiredAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
        db.Set<PendingOAuthLogin>().Where(p => p.ExpiresAt < before).ExecuteDeleteAsync(cancellationToken);
}
