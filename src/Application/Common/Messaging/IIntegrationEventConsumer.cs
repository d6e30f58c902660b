using Veza.Domain.Common;

namespace Veza.Application.Common.Messaging;

/// <summary>
/// Consumes one integration event after the transaction that raised it committed, as a background
/// job on any node. Its database effects happen once per event: the event id is recorded in the
/// inbox in the same transaction as the consumer's changes. A failure is retried with backoff, then
/// the delivery is dead. Events arrive in no guaranteed order (deliveries run in parallel).
/// The consumer's name keys its inbox and its pending deliveries: it is the class's full name unless
/// <see cref="ConsumerNameAttribute"/> fixes one, which a consumer should do before it is renamed.
/// </summary>
public interface IIntegrationEventConsumer<in TEvent>
    where TEvent : IIntegrationEvent
{
    Task Handle(TEvent integrationEvent, CancellationToken cancellationToken);
}

/// <summary>A stable name for a consumer, so renaming or moving its class keeps its inbox and pending deliveries.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ConsumerNameAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
