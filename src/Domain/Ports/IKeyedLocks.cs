namespace Veza.Domain.Ports;

/// <summary>Mutual exclusion per key within this node (a room's sends, so they are stored and broadcast in one order).</summary>
public interface IKeyedLocks
{
    /// <returns>The held lock; disposing it lets the next waiter in.</returns>
    Task<IAsyncDisposable> AcquireAsync(string key, CancellationToken cancellationToken);
}
