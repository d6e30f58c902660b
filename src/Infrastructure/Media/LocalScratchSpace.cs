using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Veza.Infrastructure.Common;
using Veza.Domain.Ports;

namespace Veza.Infrastructure.Media;

/// <summary>
/// Work directories in <c>veza-scratch</c> under <see cref="MediaOptions.TemporaryDirectory"/> (the system's temp
/// directory by default), one fresh name each. Everything in <c>veza-scratch</c> is ours, so what a killed process
/// left there can be swept without guessing at names; the directories this process holds are never swept.
/// </summary>
internal sealed class LocalScratchSpace(IOptions<MediaOptions> options) : IScratchSpace
{
    /// <summary>The directory, under the temporary directory, every work directory of a node is in.</summary>
    public const string FolderName = "veza-scratch";

    private readonly ConcurrentDictionary<string, bool> _held = new(StringComparer.Ordinal);

    /// <summary>Where work directories go with these options (the image processor's too).</summary>
    public static string RootFor(MediaOptions options) =>
        Path.Combine(string.IsNullOrWhiteSpace(options.TemporaryDirectory) ? Path.GetTempPath() : options.TemporaryDirectory, FolderName);

    public ScratchDirectory Create(string purpose)
    {
        var path = Path.Combine(RootFor(options.Value), $"{purpose}-{Guid.NewGuid():N}");
        _held[path] = true;
        return new ScratchDirectory(path, () => _held.TryRemove(path, out _));
    }

    public int DeleteAbandoned(DateTimeOffset idleSince)
    {
        var root = new DirectoryInfo(RootFor(options.Value));
        if (!root.Exists)
        {
            return 0;
        }

        var deleted = 0;
        foreach (var directory in root.EnumerateDirectories())
        {
            try
            {
                if (!_held.ContainsKey(directory.FullName) && LocalFiles.LastWrittenUnder(directory) < idleSince)
                {
                    directory.Delete(recursive: true);
                    deleted++;
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Deleted by its owner meanwhile, or another user's: not ours to insist on.
            }
        }

        return deleted;
    }
}
