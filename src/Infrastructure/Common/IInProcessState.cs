namespace Veza.Infrastructure.Common;

/// <summary>
/// What an adapter holds in this process's memory (the one-node defaults: cache entries, rate-limit
/// windows, recent revocations, presence) rather than in PostgreSQL or Redis. Whoever empties the data
/// for a fresh start (the test kit's reset) empties this too: otherwise an address's email limit or a
/// cached row would outlive the rows it was about, and one test would meet another's leftovers.
/// </summary>
public interface IInProcessState
{
    void Clear();
}
