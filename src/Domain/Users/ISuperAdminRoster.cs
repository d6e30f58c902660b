namespace Veza.Domain.Users;

/// <summary>
/// Who holds the last keys: the active super admins. Asked before a change could leave none, inside
/// that change's transaction, with their rows locked until it commits, so two super admins demoting
/// each other at the same moment cannot both succeed.
/// </summary>
public interface ISuperAdminRoster
{
    Task<IReadOnlyList<Guid>> LockActiveSuperAdminsAsync(CancellationToken cancellationToken);
}
