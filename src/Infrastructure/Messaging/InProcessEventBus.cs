using System.Collections.Concurrent;
using System.Collections.Immutable;
using Veza.Domain.Ports;

namespace Veza.Infrastructure.Messaging;

/// <summary>
/// The one-node default: delivers to this process's subscribers, one after another. A throwing
/// subscriber fails the publish, so the outbox relay retries the message (at-least-once).
/// </summary>
public sealed class InProcessEventBus : IEventBus
{
    private readonly ConcurrentDictionary<string, ImmutableList<Func<IntegrationMessage, CancellationToken, Task>>> _handlers = new(StringComparer.Ordinal);

    public async Task PublishAsync(IntegrationMessage message, CancellationToken cancellationToken)
    {
        if (_handlers.TryGetValue(message.EventType, out var handlers))
        {
            foreach (var handler in handlers)
            {
                await handler(message, cancellationToken);
            }
        }
    }

    public IDisposable Subscribe(string eventType, Func<IntegrationMessage, CancellationToken, Task> handler)
    {
        _handlers.AddOrUpdate(eventType, _ => [handler], (_, list) => list.Add(handler));
        return new Subscription(() => _handlers.AddOrUpdate(eventType, _ => [], (_, list) => list.Remove(handler)));
    }

    private sealed class Subscription(Action unsubscribe) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                unsubscribe();
            }
        }
    }
}
