using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Veza.Domain.Ports;
using Veza.Infrastructure.Common;

namespace Veza.Infrastructure.Storage;

/// <summary>
/// <see cref="IFileStorage"/> on the local filesystem under one root. A save streams into a uniquely
/// named temporary file in the target's own directory, flushes it to disk, then renames it over the
/// target (atomic on one filesystem) and flushes the directory: readers see the old file or the new
/// one whole, and concurrent writers each rename a complete file, the last one winning. Readers open
/// with delete sharing, so a replaced or deleted file stays readable to whoever already has it open.
/// </summary>
public sealed partial class FileSystemStorage : IFileStorage, ILocalFileAccess
{
    private const int BufferSize = 81920;
    private readonly string _root;

    public FileSystemStorage(string root)
    {
        _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)) + Path.DirectorySeparatorChar;
    }

    public string Root => _root;

    public async Task<long> SaveAsync(string key, Stream content, CancellationToken cancellationToken)
    {
        var path = PathFor(key);
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            long length;
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous))
            {
                await content.CopyToAsync(file, cancellationToken);
                await file.FlushAsync(cancellationToken);
                file.Flush(flushToDisk: true);
                length = file.Length;
            }

            File.Move(temporary, path, overwrite: true);
            FlushDirectory(directory);
            return length;
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    public Task<StoredFile?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathFor(key);
        try
        {
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, BufferSize,
                FileOptions.Asynchronous | FileOptions.SequentialScan);
            return Task.FromResult<StoredFile?>(new StoredFile(stream, stream.Length));
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<StoredFile?>(null);
        }
    }

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) => Task.FromResult(File.Exists(PathFor(key)));

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathFor(key);
        try
        {
            File.Delete(path);
        }
        catch (DirectoryNotFoundException)
        {
            // Nothing was ever stored there.
        }

        return Task.CompletedTask;
    }

    public Task DeletePrefixAsync(string prefix, CancellationToken cancellationToken)
    {
        var path = PathFor(prefix);
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Nothing was ever stored there.
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> ListFoldersAsync(string prefix, CancellationToken cancellationToken)
    {
        var path = PathFor(prefix);
        IReadOnlyList<string> folders = Directory.Exists(path)
            ? [.. Directory.EnumerateDirectories(path).Select(Path.GetFileName).Where(StorageKeys.IsSegment).Select(name => $"{prefix}/{name}")]
            : [];
        return Task.FromResult(folders);
    }

    public Task<IReadOnlyList<StoredObject>> ListFilesAsync(string prefix, CancellationToken cancellationToken)
    {
        var path = PathFor(prefix);
        IReadOnlyList<StoredObject> files = Directory.Exists(path)
            ? [.. new DirectoryInfo(path).EnumerateFiles().Where(f => StorageKeys.IsSegment(f.Name)).Select(f => new StoredObject($"{prefix}/{f.Name}", LocalFiles.WrittenAt(f)))]
            : [];
        return Task.FromResult(files);
    }

    public Task<DateTimeOffset?> LastWrittenAsync(string prefix, CancellationToken cancellationToken)
    {
        var folder = new DirectoryInfo(PathFor(prefix));
        try
        {
            return Task.FromResult<DateTimeOffset?>(folder.Exists ? LocalFiles.LastWrittenUnder(folder) : null);
        }
        catch (DirectoryNotFoundException)
        {
            // Deleted meanwhile.
            return Task.FromResult<DateTimeOffset?>(null);
        }
    }

    public Task<int> DeleteAbandonedWritesAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        var deleted = 0;
        if (Directory.Exists(_root))
        {
            foreach (var file in new DirectoryInfo(_root).EnumerateFiles(".*.tmp", LocalFiles.EverythingBelow))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (TemporaryName().IsMatch(file.Name) && LocalFiles.WrittenAt(file) < before && TryDelete(file.FullName))
                {
                    deleted++;
                }
            }
        }

        return Task.FromResult(deleted);
    }

    /// <summary>The full path of a key, refusing any key that is not the documented shape or would leave the root.</summary>
    public string PathFor(string key)
    {
        StorageKeys.Validate(key);
        var path = Path.GetFullPath(Path.Combine(_root, key.Replace('/', Path.DirectorySeparatorChar)));
        if (!path.StartsWith(_root, StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{key}' leaves the storage root.", nameof(key));
        }

        return path;
    }

    /// <summary>What <see cref="SaveAsync"/> names its temporary files: <c>.{name}.{guid}.tmp</c>.</summary>
    [GeneratedRegex(@"\A\.[a-z0-9][a-z0-9._-]*\.[0-9a-f]{32}\.tmp\z", RegexOptions.CultureInvariant)]
    private static partial Regex TemporaryName();

    private static bool TryDelete(string path)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Makes the rename durable (POSIX: fsync on the directory). .NET cannot open a directory, so libc is called; elsewhere a no-op.</summary>
    private static void FlushDirectory(string directory)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var fd = NativeMethods.open(directory, 0 /* O_RDONLY */);
        if (fd < 0)
        {
            return;
        }

        _ = NativeMethods.fsync(fd);
        _ = NativeMethods.close(fd);
    }

    private static class NativeMethods
    {
#pragma warning disable SA1300, IDE1006, SYSLIB1054, CA1401, CA2101 // libc's names; plain DllImport needs no unsafe code
        [DllImport("libc", EntryPoint = "open", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        internal static extern int open(string path, int flags);

        [DllImport("libc", EntryPoint = "fsync")]
        internal static extern int fsync(int fd);

        [DllImport("libc", EntryPoint = "close")]
        internal static extern int close(int fd);
#pragma warning restore SA1300, IDE1006, SYSLIB1054, CA1401, CA2101
    }
}
