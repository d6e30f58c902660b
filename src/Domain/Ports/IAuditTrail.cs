using Veza.Domain.Auditing;

namespace Veza.Domain.Ports;

/// <summary>Appends audit events; they are saved in the same transaction as the change they describe.</summary>
public interface IAuditTrail
{
    void Record(AuditEvent auditEvent);
}
