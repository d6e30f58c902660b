using Veza.Domain.Auditing;
using Veza.Domain.Ports;
using Veza.Infrastructure.Persistence;

namespace Veza.Infrastructure.Auditing;

internal sealed class AuditTrail(VezaDbContext db, IClock clock, ICurrentUser caller) : IAuditTrail
{
    public void Record(string action, string outcome, Guid? actorUserId, string? detail = null, string? target = null) =>
        db.AuditEvents.Add(AuditEvent.Record(action, outcome, actorUserId, clock.UtcNow, caller.IpAddress, caller.UserAgent, detail, target));
}
