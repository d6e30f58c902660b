namespace Veza.Infrastructure.Common;

/// <summary>
/// Lets a commit wake a background loop (outbox relay, job worker) at once instead of at its next
/// poll. Several wake-ups before the loop looks collapse into one: one pass drains everything.
/// </summary>
public abstract class WakeUpSignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another commit already woke it.
            }
        }
    }

    public void Dispose()
    {
        _signal.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <returns>True when woken, false when the timeout passed.</returns>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}

/// <summary>Outbox rows were committed.</summary>
public sealed class OutboxSignal : WakeUpSignal;

/// <summary>Jobs were committed, or a worker slot became free.</summary>
public sealed class JobSignal : WakeUpSignal;
