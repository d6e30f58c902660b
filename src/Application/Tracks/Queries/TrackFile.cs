using Veza.Domain.Ports;

namespace Veza.Application.Tracks.Queries;

/// <summary>
/// An open file of a track (waveform, artwork) with what caching needs: its version (the ETag) and whether
/// anyone may see the track (only then may shared caches keep it). The caller disposes it.
/// </summary>
public sealed record TrackFile(StoredFile File, string ContentType, Guid Version, bool Public, DateTimeOffset UpdatedAt) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => File.DisposeAsync();
}
