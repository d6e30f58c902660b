using Veza.Domain.Media;
using Veza.Domain.Tracks;

namespace Veza.Application.Tests;

/// <summary>A track as a substitute repository hands it out: uploaded, then ready, failed or still processing, maybe hidden, with no pending events.</summary>
internal static class TestTracks
{
    public static Track Stored(
        Guid ownerId, TrackVisibility visibility = TrackVisibility.Public, bool ready = true, string? hidden = null, TrackFailure? failure = null, double seconds = 90,
        IReadOnlyList<string>? tags = null)
    {
        var id = Guid.NewGuid();
        var track = Track.Upload(id, ownerId, new TrackDetails("Night Drive", null, null, tags ?? ["lofi", "chill"], visibility),
            new StoredOriginal(TrackFiles.Original(id), AudioFormat.Wav, 1000, new string('a', 64), "night_drive"), ApplicationHarness.Now);
        if (failure is { } f)
        {
            track.FailProcessing(f, 0, ApplicationHarness.Now);
        }
        else if (ready)
        {
            track.CompleteProcessing(new TrackProcessingResult(new AudioMetadata(TimeSpan.FromSeconds(seconds), "pcm_s16le", 1411, 44100, 2), true, true, true, true, -14, -1, null, 500),
                ApplicationHarness.Now);
        }

        if (hidden is not null)
        {
            track.Hide(hidden, ApplicationHarness.Now);
        }

        track.TakeDomainEvents();
        return track;
    }
}
