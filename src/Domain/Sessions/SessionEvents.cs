using Veza.Domain.Common;

namespace Veza.Domain.Sessions;

public sealed record SessionRevoked(Guid SessionId, Guid UserId, string Reason, DateTimeOffset OccurredAt) : IIntegrationEvent
{
    public string EventType => "sessions.revoked";
}
