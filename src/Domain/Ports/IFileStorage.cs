namespace Veza.Domain.Ports;

/// <summary>
/// Stores opaque files under keys the application builds itself (never from user input): avatars, tracks and
/// their variants, listing pictures, gear files. A key is lowercase path segments of <c>[a-z0-9._-]</c> joined by
/// <c>/</c> (for instance <c>avatars/{user id}/{version}-512.webp</c>); an adapter refuses any other.
/// A save is atomic: a reader sees the old file or the whole new one, never a partial file, and
/// concurrent saves to one key leave one of them whole.
/// </summary>
public interface IFileStorage
{
    /// <summary>Streams <paramref name="content"/> to <paramref name="key"/> (replacing any file there) and returns its length in bytes.</summary>
    Task<long> SaveAsync(string key, Stream content, CancellationToken cancellationToken);

    /// <summary>The file for reading, or null when there is none. The caller disposes it.</summary>
    Task<StoredFile?> OpenReadAsync(string key, CancellationToken cancellationToken);

    Task<bool> ExistsAsync(string key, CancellationToken cancellationToken);

    /// <summary>Removes the file; a missing one is not an error (deletes are retried by jobs).</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>Removes every file whose key starts with <paramref name="prefix"/> followed by '/' (a track's HLS segments); nothing there is not an error.</summary>
    Task DeletePrefixAsync(string prefix, CancellationToken cancellationToken);

    /// <summary>The keys of the folders directly under <paramref name="prefix"/> (<c>tracks/{id}</c> under <c>tracks</c>); none when nothing is there.</summary>
    Task<IReadOnlyList<string>> ListFoldersAsync(string prefix, CancellationToken cancellationToken);

    /// <summary>The files directly in the folder <paramref name="prefix"/> (not those of its sub-folders, nor unfinished saves), each with when it was last written.</summary>
    Task<IReadOnlyList<StoredObject>> ListFilesAsync(string prefix, CancellationToken cancellationToken);

    /// <summary>
    /// When anything under the folder <paramref name="prefix"/> was last written, saves still under way included (a
    /// slow upload counts as written while its bytes arrive); null when nothing is there.
    /// </summary>
    Task<DateTimeOffset?> LastWrittenAsync(string prefix, CancellationToken cancellationToken);

    /// <summary>
    /// Removes what saves that never finished left behind (a process killed mid-write: a temporary file, an unfinished
    /// multipart upload) when it was last written before <paramref name="before"/>; answers how many. A save under way
    /// keeps writing, so it is never older than a sensible <paramref name="before"/>.
    /// </summary>
    Task<int> DeleteAbandonedWritesAsync(DateTimeOffset before, CancellationToken cancellationToken);
}

/// <summary>A stored file's key and when it was last written.</summary>
public sealed record StoredObject(string Key, DateTimeOffset LastWritten);

/// <summary>An open stored file: its content and length.</summary>
public sealed class StoredFile(Stream content, long length) : IAsyncDisposable, IDisposable
{
    public Stream Content { get; } = content;
    public long Length { get; } = length;

    public ValueTask DisposeAsync() => Content.DisposeAsync();

    public void Dispose() => Content.Dispose();
}
