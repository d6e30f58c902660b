using Microsoft.Extensions.Hosting;
using Veza.Application.Common.Caching;
using Veza.Domain.Ports;
using Veza.Infrastructure.Messaging;

namespace Veza.Infrastructure.Caching;

/// <summary>
/// Every node subscribes to <see cref="CacheInvalidated"/> on the event bus (NATS reaches every node; the in-process
/// bus this one) and drops the named keys from its cache. A missed message leaves a stale entry for at most its time to live.
/// </summary>
public sealed class CacheInvalidationListener(IEventBus bus, ICache cache) : IHostedService, IDisposable
{
    private readonly CacheInvalidatedHandler _handler = new(cache);
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = bus.Subscribe(CacheInvalidated.Type, (message, ct) =>
            _handler.HandleAsync((CacheInvalidated)MessageJson.Deserialize(message.Payload, typeof(CacheInvalidated)), ct));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _subscription = null;
    }
}
