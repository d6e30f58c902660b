using Veza.Application.Common.Messaging;

namespace Veza.Application.Tracks.Queries.GetTrackWaveform;

/// <summary>
/// The waveform peaks JSON processing stored, for whoever may see the track (anonymous callers included, like
/// images: players fetch it without a token). 404 when the caller may not see it or it is not processed yet.
/// </summary>
public sealed record GetTrackWaveformQuery(Guid TrackId) : IQuery<TrackFile>;
