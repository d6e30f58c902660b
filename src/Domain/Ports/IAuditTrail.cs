namespace Veza.Domain.Ports;

/// <summary>
/// Appends audit events; they are saved in the same transaction as the change they describe.
/// The adapter stamps when (<see cref="IClock"/>) and where from (<see cref="ICurrentUser"/>), so a use
/// case says only what happened, and no call site can forget or mix up those fields.
/// </summary>
public interface IAuditTrail
{
    /// <param name="action">One of <see cref="Auditing.AuditActions"/>.</param>
    /// <param name="outcome">One of <see cref="Auditing.AuditOutcomes"/>.</param>
    /// <param name="actorUserId">Who acted, when known (null for an unknown account).</param>
    /// <param name="detail">Why it failed, in words safe to keep: never a password or a token.</param>
    /// <param name="target">What the action was about, as <c>type:id</c> (<see cref="Auditing.AuditTargets"/>), when not the actor.</param>
    void Record(string action, string outcome, Guid? actorUserId, string? detail = null, string? target = null);
}
