using Microsoft.Extensions.DependencyInjection;
using Veza.Infrastructure.Realtime;

namespace Veza.Api.FunctionalTests;

/// <summary>What the API's realtime notifier hands its subscribers (the hub's delivery among them), captured for asserting broadcasts.</summary>
public sealed class CapturedRealtimeEvents : IDisposable
{
    private readonly List<RealtimeNotification> _events = [];
    private readonly IDisposable _subscription;

    public CapturedRealtimeEvents(IServiceProvider services) =>
        _subscription = services.GetRequiredService<InProcessRealtimeNotifier>().Subscribe((n, _) =>
        {
            lock (_events)
            {
                _events.Add(n);
            }

            return Task.CompletedTask;
        });

    public List<RealtimeNotification> OfType(string type)
    {
        lock (_events)
        {
            return _events.Where(e => e.Type == type).ToList();
        }
    }

    public void Dispose() => _subscription.Dispose();
}
