namespace Veza.Domain.Ports;

/// <summary>An integration event as it travels: its id (for de-duplication by consumers), type and JSON payload.</summary>
public sealed record IntegrationMessage(Guid Id, string EventType, string Payload, DateTimeOffset OccurredAt);

/// <summary>Publishes integration events to other parts of the system (in-process or a broker).</summary>
public interface IEventBus
{
    /// <summary>
    /// Completes once the bus has the message (queued for local subscribers, or accepted by the
    /// broker), never after subscribers ran; throws when the bus cannot take it.
    /// </summary>
    Task PublishAsync(IntegrationMessage message, CancellationToken cancellationToken);

    /// <summary>
    /// Delivers every message of <paramref name="eventType"/> to <paramref name="handler"/>, in order,
    /// off the publisher's thread. Subscribers that share a <paramref name="consumerGroup"/> across
    /// nodes share the work: each message goes to one of them. Without a group, every subscriber
    /// gets every message (a node-local cache, say).
    /// </summary>
    IDisposable Subscribe(string eventType, Func<IntegrationMessage, CancellationToken, Task> handler, string? consumerGroup = null);
}
