using Veza.Domain.Common;

namespace Veza.Application.Tracks.Processing;

/// <summary>Turns a track's stored original into its variants, waveform, loudness and artwork (queued by upload and reprocess).</summary>
public sealed record ProcessTrackJob(Guid TrackId) : IJob
{
    public string Kind => "tracks.process";
}
