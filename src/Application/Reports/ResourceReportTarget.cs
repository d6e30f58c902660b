using Veza.Application.Playlists;
using Veza.Domain.Auditing;
using Veza.Domain.Ports;
using Veza.Domain.Reports;
using Veza.Domain.Resources;
using Veza.Domain.Users;

namespace Veza.Application.Reports;

/// <summary>
/// A shared resource as a report target. Its owner is who shared it; hide_content hides it: from then on only its
/// owner and admins see it, and it leaves every list and search.
/// </summary>
public sealed class ResourceReportTarget(ISharedResourceRepository resources, IAuditTrail audit, IClock clock, ICurrentUser caller) : IReportTargetType
{
    public const string TypeName = "resource";

    public string Name => TypeName;

    /// <summary>Null (404) also for a resource the caller may not view: a private one is not revealed to a reporter.</summary>
    public async Task<Guid?> FindOwnerAsync(Guid targetId, CancellationToken cancellationToken) =>
        await resources.GetAsync(targetId, cancellationToken) is { } resource
        && resource.AccessFor(caller.UserId, caller.IsAdmin() || caller.Role is Role.Moderator) != ResourceAccess.None
            ? resource.OwnerId
            : null;

    public async Task<bool> HideAsync(Guid targetId, string reason, CancellationToken cancellationToken)
    {
        if (await resources.GetAsync(targetId, cancellationToken) is { } resource && resource.Hide(reason, clock.UtcNow))
        {
            audit.Record(AuditActions.ResourceHide, AuditOutcomes.Success, caller.UserId, reason, AuditTargets.Resource(resource.Id));
        }

        return true;
    }
}
