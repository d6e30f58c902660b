using Veza.Domain.Auditing;
using Veza.Domain.Ports;

namespace Veza.Infrastructure.Persistence.Repositories;

internal sealed class AuditTrail(VezaDbContext db) : IAuditTrail
{
    public void Record(AuditEvent auditEvent) => db.AuditEvents.Add(auditEvent);
}
