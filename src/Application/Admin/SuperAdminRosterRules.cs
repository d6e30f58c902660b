using Veza.Domain.Common;
using Veza.Domain.Users;

namespace Veza.Application.Admin;

public static class SuperAdminRosterRules
{
    /// <summary>
    /// Refuses (422) a change that would take away the last active super admin: a demotion, a
    /// suspension, a ban, or the account's own deletion. Locks the roster until the change commits.
    /// </summary>
    public static async Task EnsureNotLastAsync(this ISuperAdminRoster roster, Guid userId, CancellationToken cancellationToken)
    {
        var active = await roster.LockActiveSuperAdminsAsync(cancellationToken);
        if (active.Count <= 1 && active.Contains(userId))
        {
            throw new DomainException("This is the last active super admin: make another super admin first.");
        }
    }
}
