namespace Veza.Domain.Tracks;

public interface ITrackRepository
{
    Task<Track?> GetAsync(Guid trackId, CancellationToken cancellationToken);

    /// <summary>The id of the owner's track with these bytes, if they uploaded them before.</summary>
    Task<Guid?> FindIdByContentAsync(Guid ownerId, string sha256, CancellationToken cancellationToken);

    /// <summary>
    /// Serialises the owner's uploads from here to the end of the transaction, on every node: two uploads
    /// that each fit the quota alone cannot both be recorded when together they do not.
    /// </summary>
    Task HoldOwnerUploadsAsync(Guid ownerId, CancellationToken cancellationToken);

    /// <summary>Bytes stored for the owner: every track (originals, variants, artwork) and every gear file of theirs; their quota usage.</summary>
    Task<long> StoredBytesOfAsync(Guid ownerId, CancellationToken cancellationToken);

    /// <summary>How many tracks the owner has, in any state.</summary>
    Task<int> CountOfAsync(Guid ownerId, CancellationToken cancellationToken);

    /// <summary>The durations of those of these tracks that are ready to play (the others are left out).</summary>
    Task<IReadOnlyDictionary<Guid, TimeSpan>> DurationsAsync(IReadOnlyCollection<Guid> trackIds, CancellationToken cancellationToken);

    void Add(Track track);

    void Remove(Track track);
}

/// <summary>The usage count of each tag, changed in the same transaction as the tracks that carry it.</summary>
/// <summary>Keeps each tag's per-kind usage counts right, in the transaction of the change (the total is their sum, computed by the database).</summary>
public interface ITagCounter
{
    Task AdjustAsync(IReadOnlyCollection<string> added, IReadOnlyCollection<string> removed, DateTimeOffset now, CancellationToken cancellationToken) =>
        AdjustAsync(TaggedKind.Track, added, removed, now, cancellationToken);

    Task AdjustAsync(TaggedKind kind, IReadOnlyCollection<string> added, IReadOnlyCollection<string> removed, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>The kinds of item that carry tags.</summary>
public enum TaggedKind
{
    Track,
    Listing,
    Resource,
}
