namespace Veza.Domain.Ports;

/// <summary>The kinds of stored folder named for the row that owns them: <c>{prefix}/{owner id}/...</c>.</summary>
public enum StoredFolderKind
{
    /// <summary><c>tracks/{track id}</c>: the original, variants, HLS, waveform and the artwork versions.</summary>
    Track,

    /// <summary>
    /// <c>avatars/{user id}</c>: one file a size for each avatar version. Its owner is the user (whose id is reused by
    /// the next upload), not the avatar row: a user's folder goes only with the user, its old versions before.
    /// </summary>
    Avatar,

    /// <summary><c>listings/{listing id}</c>: one file a size for each picture.</summary>
    Listing,

    /// <summary><c>files/{gear file id}</c>: the file and its thumbnail.</summary>
    GearFile,

    /// <summary><c>resources/{resource id}</c>: one file per version (a fresh id each) and an audio version's waveform beside it.</summary>
    Resource,
}

/// <summary>
/// What the database still refers to in stored folders, for the orphan sweep: a folder whose owner has no row is
/// garbage; in one whose owner has a row, a versioned file (an artwork, avatar or listing picture, the id in its
/// name) the row no longer names is garbage too.
/// </summary>
public interface IStoredFileReferences
{
    /// <summary>For each of <paramref name="ownerIds"/> that has its row, what the row keeps; the others are absent.</summary>
    Task<IReadOnlyDictionary<Guid, FolderReferences>> FindAsync(StoredFolderKind kind, IReadOnlyCollection<Guid> ownerIds, CancellationToken cancellationToken);
}

/// <summary>The versions of a folder's versioned files its row names, or every file (<see cref="Everything"/>).</summary>
public sealed class FolderReferences
{
    /// <summary>Every file is kept: nothing in the folder is versioned, or its owner is writing new versions (a track being processed).</summary>
    public static readonly FolderReferences Everything = new(null);

    private readonly IReadOnlySet<Guid>? _versions;

    private FolderReferences(IReadOnlySet<Guid>? versions) => _versions = versions;

    public bool KeepsEverything => _versions is null;

    public static FolderReferences Only(IEnumerable<Guid> versions) => new(versions.ToHashSet());

    public bool Keeps(Guid version) => _versions is null || _versions.Contains(version);
}
