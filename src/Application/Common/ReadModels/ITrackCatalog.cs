using Veza.Application.Common.Models;
using Veza.Application.Tracks;
using Veza.Domain.Tracks;

namespace Veza.Application.Common.ReadModels;

/// <summary>Read side of the audio library: tracks projected straight from SQL into <see cref="TrackData"/>, and tags.</summary>
public interface ITrackCatalog
{
    /// <summary>The track whatever its visibility (the caller applies <see cref="TrackView"/>); null when there is none.</summary>
    Task<TrackData?> FindAsync(Guid trackId, Guid? viewerId, CancellationToken cancellationToken);

    /// <summary>
    /// What is read fresh on every cached read of a track: who may see it (owner, visibility, hidden) and whether the
    /// viewer likes it; null when the track is gone. One primary-key read.
    /// </summary>
    Task<TrackVisibilityFacts?> VisibilityFactsAsync(Guid trackId, Guid viewerId, CancellationToken cancellationToken);

    /// <summary>The tracks carrying the tag, whatever their state (whose cached metadata a tag's moderation makes stale).</summary>
    Task<IReadOnlyList<Guid>> IdsTaggedAsync(string tag, CancellationToken cancellationToken);

    /// <summary>Only listed tracks: public, ready and not hidden, plus the viewer's own when <see cref="TrackListFilter.ViewersOwnListed"/>.</summary>
    Task<PagedResult<TrackData>> ListAsync(TrackListFilter filter, PageRequest paging, CancellationToken cancellationToken);

    /// <summary>The user's listening history (plays not cleared), newest first, among the tracks they may still see.</summary>
    Task<PagedResult<PlayedTrackData>> ListHistoryAsync(Guid userId, PageRequest paging, CancellationToken cancellationToken);
}

/// <summary>One play of the history and the track played.</summary>
public sealed record PlayedTrackData(DateTimeOffset PlayedAt, TrackData Track);

/// <param name="ViewerId">Who is looking (for liked_by_me and the owner's view).</param>
/// <param name="ViewersOwnListed">True in owner views (a profile's tracks, likes): the viewer's own tracks are listed whatever their state.</param>
/// <param name="OwnerId">Only this user's tracks.</param>
/// <param name="Tag">A normalised tag the track carries.</param>
/// <param name="Genre">The genre, case-insensitively.</param>
/// <param name="Search">Lower-case text found in the title, description or a tag.</param>
/// <param name="LikedBy">Only tracks this user likes, newest like first (the sort is then ignored).</param>
public sealed record TrackListFilter(
    Guid? ViewerId,
    bool ViewersOwnListed = false,
    Guid? OwnerId = null,
    string? Tag = null,
    string? Genre = null,
    string? Search = null,
    TrackSort Sort = TrackSort.New,
    Guid? LikedBy = null);

public enum TrackSort
{
    /// <summary>Newest first.</summary>
    New,

    /// <summary>Most liked first.</summary>
    Popular,

    /// <summary>Most played first.</summary>
    Plays,
}

/// <summary>A track's visibility facts and the viewer's like, never served from a cache.</summary>
public sealed record TrackVisibilityFacts(Guid OwnerId, TrackVisibility Visibility, DateTimeOffset? HiddenAt, bool LikedByViewer);
