using Microsoft.EntityFrameworkCore;
using Veza.Application.Common.ReadModels;
using Veza.Application.Users;

namespace Veza.Infrastructure.Persistence.Repositories;

internal sealed class UserReadModel(VezaDbContext db) : IUserReadModel
{
    public Task<UserDto?> FindByIdAsync(Guid userId, CancellationToken cancellationToken) =>
        db.Users.AsNoTracking().Where(u => u.Id == userId).Select(UserDto.Projection).FirstOrDefaultAsync(cancellationToken);
}
