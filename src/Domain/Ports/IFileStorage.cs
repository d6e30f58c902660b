namespace Veza.Domain.Ports;

/// <summary>
/// Stores opaque files under keys the application builds itself (never from user input): avatars now,
/// tracks and their variants later. A key is lowercase path segments of <c>[a-z0-9._-]</c> joined by
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
}

/// <summary>An open stored file: its content and length.</summary>
public sealed class StoredFile(Stream content, long length) : IAsyncDisposable, IDisposable
{
    public Stream Content { get; } = content;
    public long Length { get; } = length;

    public ValueTask DisposeAsync() => Content.DisposeAsync();

    public void Dispose() => Content.Dispose();
}
