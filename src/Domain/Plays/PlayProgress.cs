using Veza.Domain.Common;

namespace Veza.Domain.Plays;

/// <summary>
/// One listener's listening to one track: what has been served (and reported by the player) since the
/// window opened, and when it last counted as a play. The rules of <see cref="PlayRules"/> live here;
/// the counter and the history row are written by the caller when <see cref="Accrue"/> says Counted.
/// </summary>
public sealed class PlayProgress : Entity
{
    private PlayProgress()
    {
        Listener = string.Empty;
    }

    public Guid TrackId { get; private set; }

    /// <summary>The signed listener id (<see cref="ListenerIds"/>).</summary>
    public string Listener { get; private set; }

    /// <summary>The signed-in listener, for the history; null for anonymous ones.</summary>
    public Guid? UserId { get; private set; }

    public DateTimeOffset WindowStartedAt { get; private set; }
    public DateTimeOffset LastHeardAt { get; private set; }
    public double ServedSeconds { get; private set; }
    public double ReportedSeconds { get; private set; }

    /// <summary>When this listening last counted as a play; within <see cref="PlayRules.Window"/> of it nothing counts again.</summary>
    public DateTimeOffset? CountedAt { get; private set; }

    public static PlayProgress Begin(Guid trackId, string listener, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        TrackId = trackId,
        Listener = listener,
        UserId = ListenerIds.UserOf(listener),
        WindowStartedAt = now,
        LastHeardAt = now,
    };

    /// <summary>
    /// Adds audio served to the listener and what their player reports having played. A report is
    /// believed only as far as audio was served (a player cannot claim more than it received), and served
    /// audio counts on its own: a report never adds listening, it settles the count at once (the serving
    /// node's unflushed bytes included) and tells the player where it stands.
    /// </summary>
    public PlayOutcome Accrue(double servedSeconds, double reportedSeconds, TimeSpan trackDuration, DateTimeOffset now)
    {
        if (servedSeconds < 0 || reportedSeconds < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(servedSeconds), "Listening is never negative.");
        }

        if (CountedAt is { } counted && now - counted < PlayRules.Window)
        {
            LastHeardAt = now;
            return PlayOutcome.AlreadyCounted;
        }

        if (CountedAt is not null || now - WindowStartedAt >= PlayRules.Window)
        {
            // A new window: what was heard before it (a counted play, or listening too long ago) is spent.
            WindowStartedAt = now;
            ServedSeconds = ReportedSeconds = 0;
            CountedAt = null;
        }

        ServedSeconds = Math.Min(ServedSeconds + servedSeconds, PlayRules.MaxReportedSeconds);
        ReportedSeconds = Math.Max(ReportedSeconds, Math.Min(reportedSeconds, ServedSeconds));
        LastHeardAt = now;
        if (ServedSeconds < PlayRules.ThresholdSeconds(trackDuration))
        {
            return PlayOutcome.NotYet;
        }

        CountedAt = now;
        Raise(new PlayCounted(TrackId, UserId, now));
        return PlayOutcome.Counted;
    }
}

public enum PlayOutcome
{
    /// <summary>Not enough heard yet in this window.</summary>
    NotYet,

    /// <summary>This call made it a play: count it.</summary>
    Counted,

    /// <summary>A play of this track by this listener already counted in the last 30 minutes.</summary>
    AlreadyCounted,
}

/// <summary>A listener's listening to a track became a play.</summary>
public sealed record PlayCounted(Guid TrackId, Guid? UserId, DateTimeOffset OccurredAt) : IDomainEvent;
