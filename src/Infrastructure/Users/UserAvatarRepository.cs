using Microsoft.EntityFrameworkCore;
using Veza.Domain.Users;
using Veza.Infrastructure.Persistence;

namespace Veza.Infrastructure.Users;

internal sealed class UserAvatarRepository(VezaDbContext db) : IUserAvatarRepository
{
    public Task<UserAvatar?> GetAsync(Guid userId, CancellationToken cancellationToken) =>
        db.UserAvatars.FirstOrDefaultAsync(a => a.Id == userId, cancellationToken);

    public void Add(UserAvatar avatar) => db.UserAvatars.Add(avatar);

    public void Remove(UserAvatar avatar) => db.UserAvatars.Remove(avatar);
}
