using Veza.Application.Common.Jobs;
using Veza.Domain.Common;

namespace Veza.Application.Tracks.Processing;

/// <summary>
/// Turns a track's stored original into its variants, waveform, loudness and artwork (queued by upload and
/// reprocess). Three attempts: a tool crash or a storage error is worth retrying, a fourth rarely is; after
/// the last one the track fails with processing_error (<see cref="ProcessTrackGivenUpHandler"/>).
/// </summary>
[JobDefaults(MaxAttempts = 3)]
public sealed record ProcessTrackJob(Guid TrackId) : IJob
{
    public string Kind => "tracks.process";
}
