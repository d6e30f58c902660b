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

    // User.ActiveAt, written out because a compiled query cannot call it with its own parameter; this
    // runs on every authenticated request, where the compiled form is worth ~20% of /auth/test's
    // throughput (build/bench.sh). The admin suspension tests hold it to the rule end to end.
    private static readonly Func<VezaDbContext, Guid, DateTimeOffset, CancellationToken, Task<bool>> Active =
        EF.CompileAsyncQuery((VezaDbContext context, Guid id, DateTimeOffset now, CancellationToken _) => context.Users.Any(u =>
            u.Id == id && (u.Status == AccountStatus.Active || (u.Status == AccountStatus.Suspended && u.StatusUntil != null && u.StatusUntil <= now))));

    public Task<UserDto?> FindByIdAsync(Guid userId, CancellationToken cancellationToken) => ById(db, userId, cancellationToken);

    public Task<bool> IsActiveAsync(Guid userId, CancellationToken cancellationToken) => Active(db, userId, clock.UtcNow, cancellationToken);
}
