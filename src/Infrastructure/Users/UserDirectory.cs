using Microsoft.EntityFrameworkCore;
using Veza.Domain.Marketplace;
using Veza.Application.Common.Models;
using Veza.Application.Common.ReadModels;
using Veza.Application.Users;
using Veza.Application.Users.Avatars;
using Veza.Domain.Social;
using Veza.Domain.Tracks;
using Veza.Domain.Users;
using Veza.Infrastructure.Persistence;

namespace Veza.Infrastructure.Users;

/// <summary>
/// User discovery and the social graph, projected straight from SQL. Search compares
/// normalized_username and lower(display_name), the expressions the trigram and prefix indexes of
/// migration 0005 are built on.
/// </summary>
internal sealed class UserDirectory(VezaDbContext db) : IUserDirectory
{
    /// <summary>Below this many characters a term has no trigram, so only prefixes are searched (a b-tree range scan).</summary>
    public const int ContainsMinLength = 3;

    private const string Escape = "\\";

    private IQueryable<User> Listed => db.Users.AsNoTracking().Where(u => u.Status != AccountStatus.Deleted);

    public Task<PagedResult<UserSummaryDto>> ListAsync(string? search, bool searchEmail, Guid? exceptUserId, PageRequest paging, CancellationToken cancellationToken)
    {
        var users = Listed;
        if (search is not null)
        {
            var pattern = Contains(search);
            users = users.Where(u => EF.Functions.Like(u.NormalizedUsername, pattern, Escape) || EF.Functions.Like(u.DisplayName!.ToLower(), pattern, Escape)
                || (searchEmail && EF.Functions.Like(u.NormalizedEmail, pattern, Escape)));
        }

        if (exceptUserId is { } except)
        {
            users = users.Where(u => u.Id != except);
        }

        return PageAsync(users.OrderBy(u => u.NormalizedUsername).Select(Summary()), users.CountAsync(cancellationToken), paging, cancellationToken);
    }

    public async Task<IReadOnlyList<UserSummaryDto>> SearchAsync(string term, int limit, CancellationToken cancellationToken)
    {
        var exact = LikePattern.Literal(term);
        var prefix = exact + "%";
        var users = term.Length >= ContainsMinLength
            ? Listed.Where(u => EF.Functions.Like(u.NormalizedUsername, Contains(term), Escape) || EF.Functions.Like(u.DisplayName!.ToLower(), Contains(term), Escape))
            : Listed.Where(u => EF.Functions.Like(u.NormalizedUsername, prefix, Escape) || EF.Functions.Like(u.DisplayName!.ToLower(), prefix, Escape));
        var rows = await users
            .OrderBy(u => u.NormalizedUsername == term || EF.Functions.Like(u.DisplayName!.ToLower(), exact, Escape) ? 0
                : EF.Functions.Like(u.NormalizedUsername, prefix, Escape) || EF.Functions.Like(u.DisplayName!.ToLower(), prefix, Escape) ? 1 : 2)
            .ThenBy(u => u.NormalizedUsername)
            .Take(limit)
            .Select(Summary())
            .ToListAsync(cancellationToken);
        return rows.Select(r => r.ToDto()).ToList();
    }

    public async Task<UserProfileData?> FindProfileAsync(Guid userId, Guid viewerId, CancellationToken cancellationToken)
    {
        var follows = db.Set<Follow>();
        var blocks = db.Set<Block>();
        var row = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new
        {
            u.Id, u.Username, u.Email, u.DisplayName, u.FirstName, u.LastName, u.Bio, u.Location, Links = EF.Property<string[]>(u, "_links"), u.CreatedAt, u.Status,
            AvatarVersion = db.UserAvatars.Where(a => a.Id == u.Id).Select(a => (Guid?)a.Version).FirstOrDefault(),
            Followers = follows.LongCount(f => f.FolloweeId == u.Id),
            Following = follows.LongCount(f => f.FollowerId == u.Id),
            ViewerFollows = follows.Any(f => f.FollowerId == viewerId && f.FolloweeId == u.Id),
            ViewerBlocks = blocks.Any(b => b.BlockerId == viewerId && b.BlockedId == u.Id),
            BlocksViewer = blocks.Any(b => b.BlockerId == u.Id && b.BlockedId == viewerId),
            RatingAverage = db.Set<Rating>().Where(r => r.RateeId == u.Id).Average(r => (double?)r.Score),
            RatingCount = db.Set<Rating>().Count(r => r.RateeId == u.Id),
        }).FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var preferences = await db.Set<UserPreferences>().AsNoTracking().Where(p => p.Id == userId).Select(p => p.Values).FirstOrDefaultAsync(cancellationToken);
        return new UserProfileData(
            row.Id, row.Username, row.Email, row.DisplayName, row.FirstName, row.LastName, row.Bio, row.Location, row.Links, row.AvatarVersion, row.CreatedAt, row.Status,
            (preferences ?? PreferenceSet.Default).Privacy.Profile, row.Followers, row.Following, row.ViewerFollows, row.ViewerBlocks, row.BlocksViewer,
            row.RatingAverage is { } average ? Math.Round(average, 2) : null, row.RatingCount);
    }

    public async Task<ViewerRelation> ViewerRelationAsync(Guid userId, Guid viewerId, CancellationToken cancellationToken)
    {
        var follows = db.Set<Follow>();
        var blocks = db.Set<Block>();
        var row = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new
        {
            ViewerFollows = follows.Any(f => f.FollowerId == viewerId && f.FolloweeId == u.Id),
            ViewerBlocks = blocks.Any(b => b.BlockerId == viewerId && b.BlockedId == u.Id),
            BlocksViewer = blocks.Any(b => b.BlockerId == u.Id && b.BlockedId == viewerId),
        }).FirstOrDefaultAsync(cancellationToken);
        return row is null ? new ViewerRelation(false, false, false) : new ViewerRelation(row.ViewerFollows, row.ViewerBlocks, row.BlocksViewer);
    }

    public Task<UserStatsDto> StatsAsync(Guid userId, CancellationToken cancellationToken)
    {
        var follows = db.Set<Follow>();
        return db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new UserStatsDto(
                follows.LongCount(f => f.FolloweeId == u.Id),
                follows.LongCount(f => f.FollowerId == u.Id),
                db.Set<Track>().LongCount(t => t.OwnerId == u.Id),
                db.Set<Track>().Where(t => t.OwnerId == u.Id).Sum(t => (long?)t.PlayCount) ?? 0,
                db.Set<Track>().Where(t => t.OwnerId == u.Id).Sum(t => (long?)t.LikeCount) ?? 0))
            .FirstAsync(cancellationToken);
    }

    public Task<PagedResult<UserSummaryDto>> ListFollowersAsync(Guid userId, PageRequest paging, CancellationToken cancellationToken) =>
        RelatedPageAsync(db.Set<Follow>().Where(f => f.FolloweeId == userId).Select(f => new Link { UserId = f.FollowerId, Since = f.CreatedAt }), paging, cancellationToken);

    public Task<PagedResult<UserSummaryDto>> ListFollowingAsync(Guid userId, PageRequest paging, CancellationToken cancellationToken) =>
        RelatedPageAsync(db.Set<Follow>().Where(f => f.FollowerId == userId).Select(f => new Link { UserId = f.FolloweeId, Since = f.CreatedAt }), paging, cancellationToken);

    public Task<PagedResult<UserSummaryDto>> ListBlockedAsync(Guid blockerId, PageRequest paging, CancellationToken cancellationToken) =>
        RelatedPageAsync(db.Set<Block>().Where(b => b.BlockerId == blockerId).Select(b => new Link { UserId = b.BlockedId, Since = b.CreatedAt }), paging, cancellationToken);

    public Task<bool> ExistsAsync(Guid userId, CancellationToken cancellationToken) => Listed.AnyAsync(u => u.Id == userId, cancellationToken);

    /// <summary>LIKE's wildcards and its escape character taken literally ('_' is common in usernames).</summary>

    private static string Contains(string term) => "%" + LikePattern.Literal(term) + "%";

    private System.Linq.Expressions.Expression<Func<User, SummaryRow>> Summary() =>
        u => new SummaryRow(u.Id, u.Username, u.DisplayName, db.UserAvatars.Where(a => a.Id == u.Id).Select(a => (Guid?)a.Version).FirstOrDefault());

    private static async Task<PagedResult<UserSummaryDto>> PageAsync(IQueryable<SummaryRow> ordered, Task<int> count, PageRequest paging, CancellationToken cancellationToken)
    {
        // One DbContext runs one command at a time: the count first, then the page.
        var total = await count;
        var rows = await ordered.Skip(paging.Offset).Take(paging.Limit).ToListAsync(cancellationToken);
        return new PagedResult<UserSummaryDto>(rows.Select(r => r.ToDto()).ToList(), paging.Page, paging.Limit, total);
    }

    /// <summary>The users at the other end of follows or blocks, newest link first.</summary>
    private Task<PagedResult<UserSummaryDto>> RelatedPageAsync(IQueryable<Link> links, PageRequest paging, CancellationToken cancellationToken)
    {
        var rows = from l in links
                   join u in Listed on l.UserId equals u.Id
                   select new { l.Since, User = u };
        return PageAsync(rows.OrderByDescending(r => r.Since).ThenBy(r => r.User.Id).Select(r => r.User).Select(Summary()), rows.CountAsync(cancellationToken), paging, cancellationToken);
    }

    /// <summary>One end of a follow or a block (a class with init-only properties, not a record: EF translates member access on it inside a query).</summary>
    private sealed class Link
    {
        public Guid UserId { get; init; }
        public DateTimeOffset Since { get; init; }
    }

    private sealed record SummaryRow(Guid Id, string Username, string? DisplayName, Guid? AvatarVersion)
    {
        public UserSummaryDto ToDto() => new(Id, Username, DisplayName, AvatarVersion is { } version ? AvatarUrls.For(Id, version) : null);
    }
}
