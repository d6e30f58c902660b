using System.Collections.Concurrent;
using Veza.Domain.Ports;
using Veza.Infrastructure.Common;

namespace Veza.Infrastructure.RateLimiting;

/// <summary>Fixed-window counters in this process: the one-node default and the fallback when Redis is down.</summary>
public sealed class InMemoryRateLimiter(IClock clock) : IRateLimiter, IInProcessState
{
    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);
    private long _calls;

    public Task<RateLimitDecision> AcquireAsync(string key, RateLimitRule rule, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        if (Interlocked.Increment(ref _calls) % 4096 == 0)
        {
            Sweep(now);
        }

        var window = _windows.GetOrAdd(key, _ => new Window());
        lock (window)
        {
            if (window.ResetsAt <= now)
            {
                window.Count = 0;
                window.ResetsAt = now + rule.Window;
            }

            window.Count++;
            var allowed = window.Count <= rule.PermitLimit;
            return Task.FromResult(new RateLimitDecision(allowed, Math.Max(0, rule.PermitLimit - window.Count), allowed ? TimeSpan.Zero : window.ResetsAt - now));
        }
    }

    public void Clear() => _windows.Clear();

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (key, window) in _windows)
        {
            if (window.ResetsAt <= now)
            {
                _windows.TryRemove(key, out _);
            }
        }
    }

    private sealed class Window
    {
        public int Count;
        public DateTimeOffset ResetsAt;
    }
}
