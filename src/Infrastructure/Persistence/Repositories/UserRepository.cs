using Microsoft.EntityFrameworkCore;
using Veza.Domain.Ports;
using Veza.Domain.Users;

namespace Veza.Infrastructure.Persistence.Repositories;

internal sealed class UserRepository(VezaDbContext db) : IUserRepository
{
    public Task<User?> GetByIdAsync(Guid id, CancellationToken cancellationToken) =>
        db.Users.FirstOrDefaultAsync(u => u.Id == id, cancellationToken);

    public Task<User?> FindByLoginAsync(string login, CancellationToken cancellationToken)
    {
        // Usernames cannot contain '@', so the shape of the login says which unique index to use.
        return login.Contains('@', StringComparison.Ordinal)
            ? db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == User.NormalizeEmail(login), cancellationToken)
            : db.Users.FirstOrDefaultAsync(u => u.NormalizedUsername == User.NormalizeUsername(login), cancellationToken);
    }

    public Task<bool> UsernameTakenAsync(string username, CancellationToken cancellationToken)
    {
        var normalized = User.NormalizeUsername(username);
        return db.Users.AnyAsync(u => u.NormalizedUsername == normalized, cancellationToken);
    }

    public Task<bool> EmailTakenAsync(string email, CancellationToken cancellationToken)
    {
        var normalized = User.NormalizeEmail(email);
        return db.Users.AnyAsync(u => u.NormalizedEmail == normalized, cancellationToken);
    }

    public void Add(User user) => db.Users.Add(user);
}
