using Microsoft.EntityFrameworkCore;
using Veza.Application.Common.ReadModels;
using Veza.Application.Users;
using Veza.Domain.Ports;
using Veza.Domain.Users;
using Veza.Infrastructure.Persistence;

namespace Veza.Infrastructure.Users;

internal sealed class UserReadModel(VezaDbContext db, IClock clock) : IUserReadModel
{
    // Compiled once: the profile read runs on every /me, so skip EF's per-call query cache lookup.
    private static readonly Func<VezaDbContext, Guid, CancellationToken, Task<UserDto?>> ById =
        EF.CompileAsyncQuery((VezaDbContext context, Guid id, CancellationToken _) =>
            context.Users.AsNoTracking().Where(u => u.Id == id).Select(UserDto.Projection).FirstOrDefault());

    public Task<UserDto?> FindByIdAsync(Guid userId, CancellationToken cancellationToken) => ById(db, userId, cancellationToken);

    public Task<bool> IsActiveAsync(Guid userId, CancellationToken cancellationToken) =>
        db.Users.Where(u => u.Id == userId).AnyAsync(User.ActiveAt(clock.UtcNow), cancellationToken);
}
