namespace Veza.Domain.Ports;

/// <summary>An integration event as it travels: its id (for de-duplication by consumers), type and JSON payload.</summary>
public sealed record IntegrationMessage(Guid Id, string EventType, string Payload, DateTimeOffset OccurredAt);

/// <summary>Publishes integration events to other parts of the system (in-process or a broker).</summary>
public interface IEventBus
{
    /// <summary>Completes only once the message is handed to the bus; throws when it cannot be.</summary>
    Task PublishAsync(IntegrationMessage message, CancellationToken cancellationToken);

    IDisposable Subscribe(string eventType, Func<IntegrationMessage, CancellationToken, Task> handler);
}
