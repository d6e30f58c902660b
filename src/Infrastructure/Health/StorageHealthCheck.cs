using Microsoft.Extensions.Diagnostics.HealthChecks;
using Veza.Domain.Ports;
using Veza.Infrastructure.Storage;

namespace Veza.Infrastructure.Health;

/// <summary>
/// Storage the node cannot write (a full or read-only disk, an unmounted volume) fails uploads and streams
/// but nothing else, so it reports Degraded. The filesystem is probed by creating and deleting a file
/// under the root, named like an abandoned write so a crash's leftover is swept.
/// </summary>
public sealed class StorageHealthCheck(IFileStorage storage) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            if (storage is FileSystemStorage files)
            {
                Directory.CreateDirectory(files.Root);
                await using var probe = new FileStream(Path.Combine(files.Root, $"..health.{Guid.NewGuid():N}.tmp"), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
                await probe.WriteAsync(new byte[] { 1 }, cancellationToken);
            }
            else
            {
                await storage.ListFoldersAsync(string.Empty, cancellationToken);
            }

            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return HealthCheckResult.Degraded("Storage cannot be written; uploads and streams fail, everything else serves.");
        }
    }
}
