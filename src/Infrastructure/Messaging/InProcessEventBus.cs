using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Veza.Domain.Ports;

namespace Veza.Infrastructure.Messaging;

/// <summary>
/// The one-node default: a publish hands the message to each local subscriber's queue and returns, so
/// the outbox relay never waits for a subscriber.
/// </summary>
public sealed class InProcessEventBus(ILogger<InProcessEventBus> logger) : IEventBus, IDisposable
{
    private readonly ConcurrentDictionary<string, ImmutableList<SubscriberQueue>> _subscribers = new(StringComparer.Ordinal);

    public Task PublishAsync(IntegrationMessage message, CancellationToken cancellationToken)
    {
        if (_subscribers.TryGetValue(message.EventType, out var queues))
        {
            foreach (var queue in queues)
            {
                queue.TryWrite(message);
            }
        }

        return Task.CompletedTask;
    }

    public IDisposable Subscribe(string eventType, Func<IntegrationMessage, CancellationToken, Task> handler)
    {
        SubscriberQueue? queue = null;
        queue = new SubscriberQueue(handler, logger, () => _subscribers.AddOrUpdate(eventType, _ => [], (_, list) => list.Remove(queue!)));
        _subscribers.AddOrUpdate(eventType, _ => [queue], (_, list) => list.Add(queue));
        return queue;
    }

    public void Dispose()
    {
        foreach (var queue in _subscribers.Values.SelectMany(q => q))
        {
            queue.Dispose();
        }
    }
}
