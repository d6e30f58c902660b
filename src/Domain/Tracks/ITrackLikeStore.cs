namespace Veza.Domain.Tracks;

/// <summary>
/// Who likes which track, and the track's like count kept with it: a like that is stored adds one to the
/// count in the same statement, a like already there changes nothing (so a repeated or concurrent like
/// counts once), and an unlike that removes a row takes one away.
/// </summary>
public interface ITrackLikeStore
{
    /// <summary>True when the like was new (and the count went up by one).</summary>
    Task<bool> AddAsync(Guid userId, Guid trackId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>True when there was a like to remove (and the count went down by one).</summary>
    Task<bool> RemoveAsync(Guid userId, Guid trackId, CancellationToken cancellationToken);
}
