using Veza.Domain.Ports;
using Veza.Domain.Tracks;

namespace Veza.Application.Tracks.Processing;

/// <summary>
/// What processing made from an original (MP3 variants, HLS, waveform). A track whose processing failed
/// keeps only its original: a half-made set would hold storage nobody can stream, and a reprocess makes
/// them again.
/// </summary>
public static class DerivedTrackFiles
{
    public static async Task DeleteAsync(IFileStorage storage, Guid trackId, CancellationToken cancellationToken)
    {
        foreach (var kbps in new[] { 128, 320 })
        {
            await storage.DeleteAsync(TrackFiles.Mp3(trackId, kbps), cancellationToken);
        }

        await storage.DeleteAsync(TrackFiles.Waveform(trackId), cancellationToken);
        await storage.DeletePrefixAsync(TrackFiles.HlsFolder(trackId), cancellationToken);
    }
}
