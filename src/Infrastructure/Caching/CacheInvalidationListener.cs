using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Veza.Application.Common.Caching;
using Veza.Domain.Ports;
using Veza.Infrastructure.Common;
using Veza.Infrastructure.Messaging;

namespace Veza.Infrastructure.Caching;

/// <summary>
/// Every node subscribes to <see cref="CacheInvalidated"/> on the event bus (NATS reaches every node; the in-process
/// bus this one) and drops the named keys from its cache. A missed message leaves a stale entry for at most its time to live.
/// The subscription is made in the background and retried with backoff: NATS away, or slow to confirm under load, at
/// start-up must not stop the node (a cache outage degrades, never fails); until it holds, the time to live is the backstop.
/// </summary>
public sealed class CacheInvalidationListener(IEventBus bus, ICache cache, ILogger<CacheInvalidationListener> logger) : BackgroundService
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(30);

    private readonly CacheInvalidatedHandler _handler = new(cache);
    private readonly OutageLog _outage = new(logger, "Cache invalidation subscription");
    private readonly TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IDisposable? _subscription;

    /// <summary>Completes once the subscription holds (for tests).</summary>
    public Task Subscribed => _subscribed.Task;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        Interlocked.Exchange(ref _subscription, null)?.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Off the start-up path: subscribing waits for the broker to confirm.
        await Task.Yield();
        for (var attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                _subscription = bus.Subscribe(CacheInvalidated.Type, (message, ct) =>
                    _handler.HandleAsync((CacheInvalidated)MessageJson.Deserialize(message.Payload, typeof(CacheInvalidated)), ct));
                _outage.Succeeded();
                _subscribed.TrySetResult();
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _outage.Failed(ex);
                await Task.Delay(Backoff.Exponential(FirstRetry, LastRetry, attempt), stoppingToken);
            }
        }
    }
}
