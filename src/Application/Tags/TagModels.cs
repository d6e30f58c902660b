using Veza.Application.Common.Models;

namespace Veza.Application.Tags;

/// <summary>A tag and how many items carry it: in all (<see cref="UsageCount"/>) and per kind.</summary>
public sealed record TagDto(string Name, int UsageCount, int TrackCount = 0, int ListingCount = 0, int ResourceCount = 0);

/// <summary>An item that carries a tag, as a tag's page lists it: what it is called and when it appeared.</summary>
public sealed record TaggedItemDto(Guid Id, string Title, DateTimeOffset At);

/// <summary>A tag's counts and the newest items of each kind the caller may see.</summary>
public sealed record TagDetailsDto(
    string Name, int UsageCount, int TrackCount, int ListingCount, int ResourceCount,
    IReadOnlyList<TaggedItemDto> Tracks, IReadOnlyList<TaggedItemDto> Listings, IReadOnlyList<TaggedItemDto> Resources);

/// <summary>
/// How a tag grew: items given it in the last <c>days</c> (<see cref="Uses"/>) against the same span before
/// (<see cref="PreviousUses"/>); <see cref="Growth"/> is the difference. Only items anyone may see count.
/// </summary>
public sealed record TrendingTagDto(string Name, int Uses, int PreviousUses, int Growth);

/// <summary>Tags across every kind that carries them (tracks, listings, shared resources): their pages, trends, and moderation.</summary>
public enum TagSort
{
    Usage,
    Name,
}

public interface ITagDirectory
{
    /// <summary>
    /// Tags something the viewer may see carries (a tag's name alone could tell of private items), with their counts
    /// (of every item, whatever its visibility); <paramref name="contains"/> is lower-case text anywhere in the name.
    /// </summary>
    Task<PagedResult<TagDto>> ListAsync(string? contains, TagSort sort, PageRequest paging, Guid? viewerId, CancellationToken cancellationToken);

    /// <summary>The same tags starting with <paramref name="prefix"/> (lower case), most used first.</summary>
    Task<IReadOnlyList<TagDto>> StartingWithAsync(string prefix, int limit, Guid? viewerId, CancellationToken cancellationToken);

    /// <summary>A tag in use, whatever carries it (for moderation).</summary>
    Task<TagDto?> FindAsync(string name, CancellationToken cancellationToken);

    /// <summary>The newest items carrying the tag, per kind, that the viewer may see (the search kinds' visibility); null when they may see none.</summary>
    Task<TagDetailsDto?> DetailsAsync(string name, int itemsPerKind, Guid? viewerId, CancellationToken cancellationToken);

    /// <summary>Tags of visible items that appeared since <paramref name="now"/> minus <paramref name="days"/>, fastest growing first.</summary>
    Task<IReadOnlyList<TrendingTagDto>> TrendingAsync(int days, DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Every item carrying <paramref name="source"/> carries <paramref name="target"/> instead (once, in the same place);
    /// <paramref name="source"/> is gone and <paramref name="target"/>'s counts are recounted from the items. Rename and merge both.
    /// </summary>
    Task<TagDto> MoveAsync(string source, string target, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Takes the tag off every item and removes it.</summary>
    Task RemoveAsync(string name, CancellationToken cancellationToken);
}
