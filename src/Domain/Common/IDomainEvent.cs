namespace Veza.Domain.Common;

/// <summary>Something that happened inside an aggregate.</summary>
public interface IDomainEvent
{
    DateTimeOffset OccurredAt { get; }
}

/// <summary>
/// A domain event other services may rely on. It is written to the outbox in the transaction that
/// raised it and published under <see cref="EventType"/> (for instance <c>users.registered</c>).
/// Its public properties are its wire contract, so it must never carry secrets.
/// </summary>
public interface IIntegrationEvent : IDomainEvent
{
    string EventType { get; }
}
