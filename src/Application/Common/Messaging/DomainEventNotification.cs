using MediatR;
using Veza.Domain.Common;

namespace Veza.Application.Common.Messaging;

/// <summary>Carries a domain event to in-process MediatR handlers (the Domain itself knows nothing of MediatR).</summary>
public sealed record DomainEventNotification<TEvent>(TEvent DomainEvent) : INotification
    where TEvent : IDomainEvent;
