using Veza.Domain.Radio;

namespace Veza.Domain.Ports;

/// <summary>
/// The live side of stations: one encoder per station while it has listeners, fanned out to all of them.
/// The application asks what is on air and tells it to skip or stop; the playout asks the application
/// (CueNextTrackCommand) what to play at each track boundary, and tells it when a DJ's set takes the air.
/// </summary>
public interface IRadioPlayout
{
    StationLiveState StateOf(Guid stationId);

    /// <summary>Ends the current track now; the next cue follows without a break in the stream.</summary>
    Task SkipAsync(Guid stationId, CancellationToken cancellationToken);

    /// <summary>
    /// A live DJ's source takes the air (within moments, without a break for listeners) as
    /// <see cref="OnAir.LiveSet"/> of <paramref name="dj"/>, recorded and announced like a track
    /// (AnnounceLiveSetCommand), until it ends; then the auto-DJ takes it back. False, at once, when another
    /// source is live on the station.
    /// </summary>
    Task<bool> PlayLiveSourceAsync(Guid stationId, string dj, Stream source, CancellationToken cancellationToken);

    /// <summary>Stops the station's encoder and drops its listeners (the station was deleted).</summary>
    Task StopAsync(Guid stationId, CancellationToken cancellationToken);
}
