using Veza.Application.Auth;
using Veza.Application.Common.Exceptions;
using Veza.Domain.Auditing;
using Veza.Domain.Common;
using Veza.Domain.Ports;
using Veza.Domain.Sessions;
using Veza.Domain.Users;

namespace Veza.Application.Admin;

/// <summary>
/// The rules for changing someone's role or account status, shared by the admin user editor and by
/// report resolution (suspend_user):
/// <list type="bullet">
/// <item>a super admin may act on anyone, themselves included; anyone else only on accounts ranked
/// below their own role, and may only grant roles below their own (so only a super admin grants or
/// removes admin and super_admin) — otherwise 403;</item>
/// <item>no change may leave no active super admin (422), checked with their rows locked;</item>
/// <item>suspending or banning revokes every session (refresh tokens die; access tokens die with their
/// session and, besides, with the account's status on the next request); lowering a role revokes them
/// too, so no access token keeps a role its holder lost.</item>
/// </list>
/// Every change is audited with the user as target.
/// </summary>
public sealed class AccountModeration(SessionTerminator terminator, ISuperAdminRoster roster, IAuditTrail audit, IClock clock)
{
    public async Task ChangeRoleAsync(Actor actor, User target, Role role, CancellationToken cancellationToken)
    {
        if (target.Role == role)
        {
            return;
        }

        EnsureMayActOn(actor, target);
        if (actor.Role != Role.SuperAdmin && role >= actor.Role)
        {
            throw new ForbiddenException("Only a super admin grants or removes the admin and super_admin roles.");
        }

        if (target.Role == Role.SuperAdmin)
        {
            await EnsureNotLastSuperAdminAsync(target, cancellationToken);
        }

        var previous = target.Role;
        var now = clock.UtcNow;
        target.ChangeRole(role, now);
        if (role < previous)
        {
            await RevokeSessionsAsync(target, SessionRevocationReason.RoleLowered, cancellationToken);
        }

        audit.Record(AuditActions.RoleChange, AuditOutcomes.Success, actor.UserId, $"{previous.ToName()} -> {role.ToName()}", AuditTargets.User(target.Id));
    }

    /// <param name="until">For a suspension: when it ends by itself (must be in the future); null until lifted.</param>
    public async Task ChangeStatusAsync(Actor actor, User target, AccountStatus status, string? reason, DateTimeOffset? until, CancellationToken cancellationToken)
    {
        EnsureMayActOn(actor, target);
        var now = clock.UtcNow;
        if (status != AccountStatus.Active && target.Role == Role.SuperAdmin && target.IsActiveAt(now))
        {
            await EnsureNotLastSuperAdminAsync(target, cancellationToken);
        }

        var previous = target.IsActiveAt(now) ? AccountStatus.Active : target.Status;
        switch (status)
        {
            case AccountStatus.Suspended:
                target.Suspend(reason ?? string.Empty, until, now);
                await RevokeSessionsAsync(target, SessionRevocationReason.Suspended, cancellationToken);
                break;
            case AccountStatus.Banned:
                target.Ban(reason ?? string.Empty, now);
                await RevokeSessionsAsync(target, SessionRevocationReason.Banned, cancellationToken);
                break;
            case AccountStatus.Active:
                target.Reinstate(reason ?? string.Empty, now);
                break;
            default:
                throw new DomainException("An account's status is active, suspended or banned.");
        }

        var detail = $"{previous.ToName()} -> {status.ToName()}"
            + (until is { } end ? $" until {end.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}" : string.Empty)
            + (string.IsNullOrWhiteSpace(reason) ? string.Empty : $": {reason}");
        audit.Record(AuditActions.StatusChange, AuditOutcomes.Success, actor.UserId, detail, AuditTargets.User(target.Id));
    }

    private static void EnsureMayActOn(Actor actor, User target)
    {
        if (actor.Role != Role.SuperAdmin && target.Role >= actor.Role)
        {
            throw new ForbiddenException("You may only change the role or status of accounts ranked below your own.");
        }
    }

    private Task EnsureNotLastSuperAdminAsync(User target, CancellationToken cancellationToken) =>
        roster.EnsureNotLastAsync(target.Id, cancellationToken);

    private Task<int> RevokeSessionsAsync(User target, string reason, CancellationToken cancellationToken) =>
        terminator.RevokeAllAsync(target.Id, reason, cancellationToken);
}

/// <summary>Who is acting, as the access token says.</summary>
public sealed record Actor(Guid UserId, Role Role)
{
    public static Actor From(ICurrentUser caller) =>
        new(caller.UserId ?? throw new UnauthorizedException(), caller.Role ?? throw new ForbiddenException());
}
