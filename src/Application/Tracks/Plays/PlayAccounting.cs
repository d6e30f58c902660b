using Veza.Domain.Plays;
using Veza.Domain.Ports;
using Veza.Domain.Tracks;

namespace Veza.Application.Tracks.Plays;

/// <summary>Listening by one listener to one track to add up: audio served since last time, and what their player reports.</summary>
public sealed record Listening(Guid TrackId, string Listener, IReadOnlyList<ServedAudio> Served, double ReportedSeconds = 0);

/// <summary>
/// Turns listening into play progress, for the flush of served audio and for player reports alike: loads
/// the tracks' durations and the listeners' progress in two queries, lets each <see cref="PlayProgress"/>
/// apply the rules, and leaves saving (and the counted plays its events log) to the unit of work.
/// </summary>
public sealed class PlayAccounting(IPlayProgressRepository progress, ITrackRepository tracks, IClock clock)
{
    public async Task<IReadOnlyList<(PlayProgress Progress, PlayOutcome Outcome)>> AccrueAsync(IReadOnlyList<Listening> listenings, CancellationToken cancellationToken)
    {
        var durations = await tracks.DurationsAsync(listenings.Select(l => l.TrackId).Distinct().ToList(), cancellationToken);
        var keys = listenings.Select(l => (l.TrackId, l.Listener)).Distinct().ToList();
        var existing = (await progress.FindAsync(keys, cancellationToken)).ToDictionary(p => (p.TrackId, p.Listener));
        var now = clock.UtcNow;
        var outcomes = new List<(PlayProgress, PlayOutcome)>();
        foreach (var listening in listenings)
        {
            // A track deleted (or not playable) since the bytes left has nothing left to count.
            if (!durations.TryGetValue(listening.TrackId, out var duration))
            {
                continue;
            }

            var seconds = listening.Served.Sum(s => PlayRules.SecondsOf(s.File, s.Fraction, duration) ?? 0);
            if (!existing.TryGetValue((listening.TrackId, listening.Listener), out var current))
            {
                current = PlayProgress.Begin(listening.TrackId, listening.Listener, now);
                progress.Add(current);
                existing[(listening.TrackId, listening.Listener)] = current;
            }

            outcomes.Add((current, current.Accrue(seconds, listening.ReportedSeconds, duration, now)));
        }

        return outcomes;
    }
}
