using Microsoft.EntityFrameworkCore;
using Veza.Domain.Ports;
using Veza.Domain.Users;
using Veza.Infrastructure.Persistence;

namespace Veza.Infrastructure.Users;

internal sealed class UserRepository(VezaDbContext db) : IUserRepository
{
    public Task<User?> GetByIdAsync(Guid id, CancellationToken cancellationToken) =>
        db.Users.FirstOrDefaultAsync(u => u.Id == id, cancellationToken);

    public Task<User?> FindByLoginAsync(string login, CancellationToken cancellationToken)
    {
        // The shape of the login says which unique index to use.
        var normalized = LoginName.Normalize(login);
        return EmailRules.IsEmailLogin(login)
            ? db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == normalized, cancellationToken)
            : db.Users.FirstOrDefaultAsync(u => u.NormalizedUsername == normalized, cancellationToken);
    }

    public Task<bool> UsernameTakenAsync(string username, CancellationToken cancellationToken)
    {
        var normalized = UsernameRules.Normalize(username);
        return db.Users.AnyAsync(u => u.NormalizedUsername == normalized, cancellationToken);
    }

    public Task<bool> EmailTakenAsync(string email, CancellationToken cancellationToken)
    {
        var normalized = EmailRules.Normalize(email);
        return db.Users.AnyAsync(u => u.NormalizedEmail == normalized, cancellationToken);
    }

    public void Add(User user) => db.Users.Add(user);
}
