using Microsoft.EntityFrameworkCore;
using Veza.Domain.Users;
using Veza.Infrastructure.Persistence;

namespace Veza.Infrastructure.Users;

internal sealed class UserPreferencesRepository(VezaDbContext db) : IUserPreferencesRepository
{
    public Task<UserPreferences?> FindAsync(Guid userId, CancellationToken cancellationToken) =>
        db.Set<UserPreferences>().FirstOrDefaultAsync(p => p.Id == userId, cancellationToken);

    public void Add(UserPreferences preferences) => db.Set<UserPreferences>().Add(preferences);

    public Task RemoveAsync(Guid userId, CancellationToken cancellationToken) =>
        db.Set<UserPreferences>().Where(p => p.Id == userId).ExecuteDeleteAsync(cancellationToken);
}
