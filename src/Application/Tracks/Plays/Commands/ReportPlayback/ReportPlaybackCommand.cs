using Veza.Application.Common.Messaging;

namespace Veza.Application.Tracks.Plays.Commands.ReportPlayback;

/// <summary>
/// A player says how many seconds of the track it has played for the caller (signed in, or anonymous by a
/// hash of address and user agent, like the stream URLs it was given). Believed only as far as audio was
/// served to that listener; it settles the count at once.
/// </summary>
public sealed record ReportPlaybackCommand(Guid TrackId, double Seconds) : ICommand<PlayReportDto>, IRetriedAfterConcurrentChange;

/// <param name="Outcome">counted (this report made it a play), not_yet, or already_counted (a play of this track by this listener counted in the last 30 minutes).</param>
/// <param name="ServedSeconds">Audio served to this listener in the current window, in seconds.</param>
/// <param name="ThresholdSeconds">What a play needs: 30 seconds, or half of a shorter track.</param>
/// <param name="PlayCount">The track's play count, this play included.</param>
public sealed record PlayReportDto(string Outcome, double ServedSeconds, double ThresholdSeconds, long PlayCount);
