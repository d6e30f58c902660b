using Veza.Domain.Settings;

namespace Veza.Domain.Ports;

/// <summary>
/// The runtime settings every node reads (registration open, upload quotas and size, maintenance mode).
/// Reads are current: a change saved on one node holds on every node for the next request.
/// </summary>
public interface IRuntimeSettings
{
    Task<RuntimeSettings> GetAsync(CancellationToken cancellationToken);

    /// <summary>Applies the given changes atomically (concurrent changes to other settings are kept) inside the caller's transaction, and returns the result.</summary>
    Task<RuntimeSettings> UpdateAsync(RuntimeSettingsChanges changes, Guid updatedBy, CancellationToken cancellationToken);
}
