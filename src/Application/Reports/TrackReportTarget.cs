using Veza.Domain.Auditing;
using Veza.Domain.Ports;
using Veza.Domain.Reports;
using Veza.Domain.Tracks;
using Veza.Domain.Users;

namespace Veza.Application.Reports;

/// <summary>
/// A track as a report target (copyright, abuse...). Its owner is the uploader; hide_content hides it
/// (<see cref="Track.Hide"/>): from then on only its owner (who sees the reason) and admins see it, and it
/// leaves every list. The hide commits with the report's resolution.
/// </summary>
public sealed class TrackReportTarget(ITrackRepository tracks, IAuditTrail audit, IClock clock, ICurrentUser caller) : IReportTargetType
{
    public const string TypeName = "track";

    public string Name => TypeName;

    /// <summary>Null (404) also for a track the caller may not see: a private track of someone else is not revealed to a reporter.</summary>
    public async Task<Guid?> FindOwnerAsync(Guid targetId, CancellationToken cancellationToken) =>
        await tracks.GetAsync(targetId, cancellationToken) is { } track && track.IsVisibleTo(caller.UserId, caller.Role is >= Role.Moderator) ? track.OwnerId : null;

    public async Task<bool> HideAsync(Guid targetId, string reason, CancellationToken cancellationToken)
    {
        var track = await tracks.GetAsync(targetId, cancellationToken);
        if (track is null)
        {
            // Deleted since it was reported: there is nothing left to hide, which is what was asked.
            return true;
        }

        track.Hide(reason, clock.UtcNow);
        audit.Record(AuditActions.TrackHide, AuditOutcomes.Success, caller.UserId, reason, AuditTargets.Track(track.Id));
        return true;
    }
}
