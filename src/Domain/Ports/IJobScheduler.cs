using Veza.Domain.Common;

namespace Veza.Domain.Ports;

/// <summary>Queues background work; it is stored with the current unit of work, so it exists only if the command commits.</summary>
public interface IJobScheduler
{
    /// <param name="runAfter">Not before this instant (for instance an offer's expiry); now when null.</param>
    void Enqueue(IJob job, DateTimeOffset? runAfter = null);
}
