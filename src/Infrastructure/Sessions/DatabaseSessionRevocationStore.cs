using Microsoft.EntityFrameworkCore;
using Veza.Domain.Ports;
using Veza.Infrastructure.Persistence;

namespace Veza.Infrastructure.Sessions;

/// <summary>
/// The default: asks the sessions table (the source of truth) by primary key. Marking is a no-op
/// because the revoked_at column is written by the same unit of work that revoked the session.
/// </summary>
public sealed class DatabaseSessionRevocationStore(VezaDbContext db) : ISessionRevocationStore
{
    private static readonly Func<VezaDbContext, Guid, CancellationToken, Task<bool>> IsActive =
        EF.CompileAsyncQuery((VezaDbContext context, Guid id, CancellationToken _) => context.Sessions.Any(s => s.Id == id && s.RevokedAt == null));

    public Task MarkRevokedAsync(Guid sessionId, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<bool> IsRevokedAsync(Guid sessionId, CancellationToken cancellationToken) =>
        !await IsActive(db, sessionId, cancellationToken);
}
