using Microsoft.Extensions.Options;
using Veza.Domain.Ports;

namespace Veza.Infrastructure.Media;

/// <summary>Work directories under <see cref="MediaOptions.TemporaryDirectory"/> (the system's temp directory by default), one fresh name each.</summary>
internal sealed class LocalScratchSpace(IOptions<MediaOptions> options) : IScratchSpace
{
    public ScratchDirectory Create(string purpose)
    {
        var root = string.IsNullOrWhiteSpace(options.Value.TemporaryDirectory) ? Path.GetTempPath() : options.Value.TemporaryDirectory;
        return new ScratchDirectory(Path.Combine(root, $"veza-{purpose}-{Guid.NewGuid():N}"));
    }
}
