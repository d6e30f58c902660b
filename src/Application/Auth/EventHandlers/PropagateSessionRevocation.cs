using MediatR;
using Veza.Application.Common.Messaging;
using Veza.Domain.Ports;
using Veza.Domain.Sessions;

namespace Veza.Application.Auth.EventHandlers;

/// <summary>Every revocation, whatever its reason, reaches the store that authenticated requests consult.</summary>
public sealed class PropagateSessionRevocation(ISessionRevocationStore revocations) : INotificationHandler<DomainEventNotification<SessionRevoked>>
{
    public Task Handle(DomainEventNotification<SessionRevoked> notification, CancellationToken cancellationToken) =>
        revocations.MarkRevokedAsync(notification.DomainEvent.SessionId, cancellationToken);
}
