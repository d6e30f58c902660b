using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Veza.Application.Common.Models;
using Veza.Application.Common.ReadModels;
using Veza.Application.Tracks;
using Veza.Domain.Tracks;
using Veza.Infrastructure.Persistence;
using Veza.Infrastructure.Plays;

namespace Veza.Infrastructure.Tracks;

/// <summary>
/// The audio library's read side: one projection (<see cref="Project"/>) for every track route, lists filtered
/// to listed tracks in SQL (the predicate of the partial index ix_tracks_listed_created), tags from their counts.
/// </summary>
internal sealed class TrackCatalog(VezaDbContext db) : ITrackCatalog
{
    private const string Escape = "\\";

    /// <summary>Public, ready and not hidden: what anyone may find in a list.</summary>
    private static readonly Expression<Func<Track, bool>> Listed = t =>
        t.HiddenAt == null && t.Visibility == TrackVisibility.Public && t.Status == TrackStatus.Ready;

    private IQueryable<Track> Tracks => db.Set<Track>().AsNoTracking();

    private IQueryable<TrackLikeRow> Likes => db.Set<TrackLikeRow>().AsNoTracking();

    public Task<TrackData?> FindAsync(Guid trackId, Guid? viewerId, CancellationToken cancellationToken) =>
        Project(Tracks.Where(t => t.Id == trackId), viewerId).FirstOrDefaultAsync(cancellationToken);

    public Task<TrackVisibilityFacts?> VisibilityFactsAsync(Guid trackId, Guid viewerId, CancellationToken cancellationToken) =>
        Tracks.Where(t => t.Id == trackId)
            .Select(t => new TrackVisibilityFacts(t.OwnerId, t.Visibility, t.HiddenAt, Likes.Any(l => l.TrackId == t.Id && l.UserId == viewerId)))
            .FirstOrDefaultAsync(cancellationToken);

    public async Task<IReadOnlyList<Guid>> IdsTaggedAsync(string tag, CancellationToken cancellationToken) =>
        await Tracks.Where(t => EF.Property<string[]>(t, "_tags").Contains(tag)).Select(t => t.Id).ToListAsync(cancellationToken);

    public async Task<PagedResult<TrackData>> ListAsync(TrackListFilter filter, PageRequest paging, CancellationToken cancellationToken)
    {
        var tracks = filter is { ViewersOwnListed: true, ViewerId: { } viewer }
            ? Tracks.Where(t => t.OwnerId == viewer || (t.HiddenAt == null && t.Visibility == TrackVisibility.Public && t.Status == TrackStatus.Ready))
            : Tracks.Where(Listed);

        if (filter.OwnerId is { } owner)
        {
            tracks = tracks.Where(t => t.OwnerId == owner);
        }

        if (filter.Tag is { } tag)
        {
            tracks = tracks.Where(t => EF.Property<string[]>(t, "_tags").Contains(tag));
        }

        if (filter.Genre is { } genre)
        {
            // lower(genre) = the term: the expression ix_tracks_genre is built on (EF has no translation for string.Equals with a comparison).
#pragma warning disable CA1862
            tracks = tracks.Where(t => t.Genre != null && t.Genre.ToLower() == genre);
#pragma warning restore CA1862
        }

        if (filter.Search is { } search)
        {
            var pattern = "%" + LikePattern.Literal(search) + "%";
            tracks = tracks.Where(t => EF.Functions.ILike(t.Title, pattern, Escape)
                || (t.Description != null && EF.Functions.ILike(t.Description, pattern, Escape))
                || EF.Property<string[]>(t, "_tags").Any(name => EF.Functions.ILike(name, pattern, Escape)));
        }

        IOrderedQueryable<Track> ordered;
        if (filter.LikedBy is { } liker)
        {
            var likes = Likes.Where(l => l.UserId == liker);
            tracks = tracks.Where(t => likes.Any(l => l.TrackId == t.Id));
            ordered = tracks.OrderByDescending(t => likes.Where(l => l.TrackId == t.Id).Select(l => l.CreatedAt).First()).ThenByDescending(t => t.Id);
        }
        else
        {
            ordered = filter.Sort switch
            {
                TrackSort.Popular => tracks.OrderByDescending(t => t.LikeCount).ThenByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id),
                TrackSort.Plays => tracks.OrderByDescending(t => t.PlayCount).ThenByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id),
                _ => tracks.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id),
            };
        }

        var total = await tracks.LongCountAsync(cancellationToken);
        var items = await Project(ordered.Skip(paging.Offset).Take(paging.Limit), filter.ViewerId).ToListAsync(cancellationToken);
        return new PagedResult<TrackData>(items, paging.Page, paging.Limit, total);
    }

    public async Task<PagedResult<PlayedTrackData>> ListHistoryAsync(Guid userId, PageRequest paging, CancellationToken cancellationToken)
    {
        // What the user may still see by id: their own tracks, and others' that are ready, neither private nor hidden.
        var visible = Tracks.Where(t => t.OwnerId == userId || (t.HiddenAt == null && t.Visibility != TrackVisibility.Private && t.Status == TrackStatus.Ready));
        var plays = db.Set<PlayRow>().AsNoTracking()
            .Where(p => p.UserId == userId && p.InHistory)
            .Join(visible, p => p.TrackId, t => t.Id, (p, t) => new { Play = p, Track = t });

        var total = await plays.LongCountAsync(cancellationToken);
        var page = await plays.OrderByDescending(x => x.Play.PlayedAt).ThenByDescending(x => x.Play.Id)
            .Skip(paging.Offset).Take(paging.Limit)
            .Select(x => new { x.Play.PlayedAt, x.Track.Id })
            .ToListAsync(cancellationToken);
        var ids = page.Select(p => p.Id).Distinct().ToList();
        var tracks = await Project(Tracks.Where(t => ids.Contains(t.Id)), userId).ToDictionaryAsync(t => t.Id, cancellationToken);
        return new PagedResult<PlayedTrackData>([.. page.Where(p => tracks.ContainsKey(p.Id)).Select(p => new PlayedTrackData(p.PlayedAt, tracks[p.Id]))], paging.Page, paging.Limit, total);
    }

    /// <summary>The one projection: a track row, its owner's username and whether the viewer likes it.</summary>
    private IQueryable<TrackData> Project(IQueryable<Track> tracks, Guid? viewerId) =>
        tracks.Select(t => new TrackData(
            t.Id,
            t.OwnerId,
            db.Users.Where(u => u.Id == t.OwnerId).Select(u => u.Username).First(),
            t.Title,
            t.CreditedArtist,
            t.Album,
            t.Description,
            t.Genre,
            t.Duration,
            t.Status,
            t.Failure,
            t.Visibility,
            t.HasMp3128,
            t.HasMp3320,
            t.HasHls,
            t.HasWaveform,
            t.ArtworkVersion,
            t.LoudnessLufs,
            t.TrackGainDb,
            EF.Property<string[]>(t, "_tags"),
            t.PlayCount,
            t.LikeCount,
            viewerId != null && db.Set<TrackLikeRow>().Any(l => l.UserId == viewerId && l.TrackId == t.Id),
            t.HiddenAt,
            t.HiddenReason,
            t.CreatedAt,
            t.UpdatedAt,
            t.AllowRadio));
}
