using Veza.Application.Tracks.Plays;
using Veza.Domain.Ports;

namespace Veza.Infrastructure.Streaming;

/// <summary>
/// Opens what the byte routes serve: through the open-handle cache when storage is on this node's disk,
/// else as a stream from the storage port; either way the bytes read are reported to the play meter when
/// the response ends (what the client got, give or take the last buffer when it went away).
/// </summary>
public sealed class ServedFiles(IFileStorage storage, OpenFileCache cache, IServedAudioMeter meter)
{
    /// <param name="version">What changes when the file at <paramref name="key"/> is replaced (so a cached handle is never stale).</param>
    /// <param name="meteredFile">The file name the meter counts (mp3_128, 96k/segment-003.ts...), or null for what is not audio.</param>
    public async Task<ServedFileStream?> OpenAsync(string key, string version, Guid trackId, string listenerId, string? meteredFile, CancellationToken cancellationToken)
    {
        if (storage is ILocalFileAccess local)
        {
            return cache.Acquire(local.PathFor(key), version) is { } lease
                ? ServedFileStream.Over(lease, Report(trackId, listenerId, meteredFile, lease.Length))
                : null;
        }

        return await storage.OpenReadAsync(key, cancellationToken) is { } file
            ? ServedFileStream.Over(file.Content, file.Length, Report(trackId, listenerId, meteredFile, file.Length))
            : null;
    }

    private Action<long> Report(Guid trackId, string listenerId, string? file, long length) =>
        file is null ? static _ => { } : bytes => meter.Record(trackId, listenerId, file, bytes, length);
}
