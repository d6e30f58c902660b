namespace Veza.Domain.Plays;

public interface IPlayProgressRepository
{
    /// <summary>The progress rows of these (track, listener) pairs that exist, tracked for saving.</summary>
    Task<IReadOnlyList<PlayProgress>> FindAsync(IReadOnlyCollection<(Guid TrackId, string Listener)> keys, CancellationToken cancellationToken);

    void Add(PlayProgress progress);

    /// <summary>Forgets progress nobody has added to since <paramref name="before"/> (it can no longer count).</summary>
    Task<int> PurgeIdleAsync(DateTimeOffset before, CancellationToken cancellationToken);
}

/// <summary>
/// Counted plays: the play row (the history, and per-day figures) and the track's counter move together in
/// one statement, so concurrent plays of one track each add to the latest count.
/// </summary>
public interface IPlayLog
{
    /// <param name="listeners">How many heard it at once (a radio play is one play heard by many).</param>
    Task AddAsync(Guid trackId, Guid? userId, PlaySource source, int listeners, DateTimeOffset playedAt, CancellationToken cancellationToken);

    /// <summary>Takes the user's plays out of their history; the plays still count.</summary>
    Task<int> ClearHistoryAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>Unlinks a deleted user from every play and listening (counts stay, who listened is gone).</summary>
    Task ForgetListenerAsync(Guid userId, CancellationToken cancellationToken);
}

public enum PlaySource
{
    Stream = 0,
    Radio = 1,
}
