using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Veza.Domain.Ports;

namespace Veza.Infrastructure.Messaging;

/// <summary>
/// One subscriber's queue: the bus only writes to it, and a pump of its own runs the handler, in
/// order, off the publisher's (or the broker client's) thread. A slow or failing subscriber therefore
/// never holds the publisher or the other subscribers. Disposing stops the pump.
/// </summary>
internal sealed partial class SubscriberQueue : IDisposable
{
    /// <summary>Listeners are at most once anyway: a listener this far behind loses its oldest messages rather than the node its memory.</summary>
    public const int Capacity = 10_000;

    private readonly Channel<IntegrationMessage> _queue;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _pump;
    private readonly Action? _onDispose;
    private int _disposed;

    public SubscriberQueue(Func<IntegrationMessage, CancellationToken, Task> handler, ILogger logger, Action? onDispose = null)
    {
        _onDispose = onDispose;
        _queue = Channel.CreateBounded<IntegrationMessage>(
            new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.DropOldest },
            dropped => LogDropped(logger, dropped.EventType, dropped.Id));
        _pump = Task.Run(async () =>
        {
            try
            {
                await foreach (var message in _queue.Reader.ReadAllAsync(_stop.Token))
                {
                    try
                    {
                        await handler(message, _stop.Token);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        LogHandlerFailed(logger, message.EventType, message.Id, ex);
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // Unsubscribed.
            }
        });
    }

    public bool TryWrite(IntegrationMessage message) => _queue.Writer.TryWrite(message);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _onDispose?.Invoke();
        _queue.Writer.TryComplete();
        _stop.Cancel();
        _ = _pump.ContinueWith(_ => _stop.Dispose(), TaskScheduler.Default);
    }

    [LoggerMessage(EventId = 3104, Level = LogLevel.Warning, Message = "A listener fell {Capacity} messages behind; dropped {EventType} {MessageId}")]
    private static partial void LogDropped(ILogger logger, string eventType, Guid messageId, int capacity = Capacity);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Error, Message = "Handler for {EventType} {MessageId} failed")]
    private static partial void LogHandlerFailed(ILogger logger, string eventType, Guid messageId, Exception ex);
}
