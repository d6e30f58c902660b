namespace Veza.Domain.Ports;

/// <summary>An integration event as it travels: its id (for de-duplication by consumers), type and JSON payload.</summary>
public sealed record IntegrationMessage(Guid Id, string EventType, string Payload, DateTimeOffset OccurredAt);

/// <summary>Publishes integration events to other parts of the system (in-process or a broker).</summary>
public interface IEventBus
{
    /// <summary>
    /// Completes once the bus has the message (queued for local subscribers, or accepted by the
    /// broker), never after subscribers ran; throws when the bus cannot take it, and
    /// <see cref="UndeliverableMessageException"/> when it never will (retrying cannot help).
    /// </summary>
    Task PublishAsync(IntegrationMessage message, CancellationToken cancellationToken);

    /// <summary>
    /// Delivers every message of <paramref name="eventType"/> published from now on to
    /// <paramref name="handler"/> on this node, in order, off the publisher's thread, at most once
    /// (a node-local cache, another service). Work that must not be lost is a typed
    /// <c>IIntegrationEventConsumer</c>, delivered through the jobs table instead.
    /// </summary>
    IDisposable Subscribe(string eventType, Func<IntegrationMessage, CancellationToken, Task> handler);
}

/// <summary>
/// The bus will never take this message, whatever the retries (NATS: larger than the server's
/// max_payload), as opposed to a broker that is away for now. The outbox sets it aside as a dead letter
/// so the messages after it go out.
/// </summary>
public sealed class UndeliverableMessageException(string message, Exception? innerException = null) : Exception(message, innerException);
