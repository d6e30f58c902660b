using Microsoft.EntityFrameworkCore;
using Veza.Domain.Ports;
using Veza.Domain.Users;
using Veza.Infrastructure.Persistence;

namespace Veza.Infrastructure.Admin;

/// <summary>Locks the active super admins' rows (FOR UPDATE) in the command's transaction; a concurrent check waits, then sees the outcome.</summary>
internal sealed class SuperAdminRoster(VezaDbContext db, IClock clock) : ISuperAdminRoster
{
    public async Task<IReadOnlyList<Guid>> LockActiveSuperAdminsAsync(CancellationToken cancellationToken) =>
        await db.Database.SqlQuery<Guid>($"""
            SELECT id AS "Value" FROM users
            WHERE role = 'super_admin'
              AND (status = 'active' OR (status = 'suspended' AND status_until IS NOT NULL AND status_until <= {clock.UtcNow}))
            FOR UPDATE
            """).ToListAsync(cancellationToken);
}
