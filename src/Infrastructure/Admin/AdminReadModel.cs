using Microsoft.EntityFrameworkCore;
using Veza.Domain.Marketplace;
using Npgsql;
using Veza.Application.Admin;
using Veza.Application.Common.Models;
using Veza.Application.Common.ReadModels;
using Veza.Domain.Auditing;
using Veza.Domain.Reports;
using Veza.Domain.Tracks;
using Veza.Domain.Users;
using Veza.Infrastructure.Persistence;
using Veza.Infrastructure.Plays;

namespace Veza.Infrastructure.Admin;

internal sealed class AdminReadModel(VezaDbContext db) : IAdminReadModel
{
    public async Task<DashboardDto> GetDashboardAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var startOfDay = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var users = db.Users.AsNoTracking().Where(u => u.Status != AccountStatus.Deleted);
        var tracks = db.Set<Track>().AsNoTracking();
        return new DashboardDto(
            await users.LongCountAsync(cancellationToken),
            await users.LongCountAsync(u => u.CreatedAt >= startOfDay, cancellationToken),
            await ActiveSessions(now).LongCountAsync(cancellationToken),
            await db.Set<Report>().LongCountAsync(r => r.Status == ReportStatus.Open, cancellationToken),
            await tracks.LongCountAsync(cancellationToken),
            await tracks.SumAsync(t => (long?)t.StoredBytes, cancellationToken) ?? 0,
            await tracks.LongCountAsync(t => t.Status == TrackStatus.Failed, cancellationToken),
            await tracks.SumAsync(t => (long?)t.PlayCount, cancellationToken) ?? 0,
            await db.Set<PlayRow>().LongCountAsync(p => p.PlayedAt >= startOfDay, cancellationToken),
            new Application.Marketplace.MarketplaceStatsDto(
                await db.Set<Listing>().LongCountAsync(l => l.Status == ListingStatus.Active && l.HiddenAt == null, cancellationToken),
                await db.Set<Offer>().LongCountAsync(o => o.CreatedAt >= startOfDay, cancellationToken),
                await db.Set<MarketTransaction>().LongCountAsync(t => t.Status == TransactionStatus.Completed, cancellationToken)));
    }

    public async Task<PagedResult<AdminUserDto>> ListUsersAsync(AdminUserFilter filter, PageRequest paging, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var query = db.Users.AsNoTracking();
        if (filter.Role is { } role)
        {
            query = query.Where(u => u.Role == role);
        }

        // Filtered on the effective status, as shown: a suspension past its end is active.
        query = filter.Status switch
        {
            null => query,
            AccountStatus.Active => query.Where(User.ActiveAt(now)),
            AccountStatus.Suspended => query.Where(u => u.Status == AccountStatus.Suspended && (u.StatusUntil == null || u.StatusUntil > now)),
            { } status => query.Where(u => u.Status == status),
        };

        if (filter.Search is { } search)
        {
            var pattern = "%" + LikePattern.Literal(search) + "%";
            query = query.Where(u => EF.Functions.ILike(u.Username, pattern, "\\")
                || EF.Functions.ILike(u.Email, pattern, "\\")
                || (u.DisplayName != null && EF.Functions.ILike(u.DisplayName, pattern, "\\")));
        }

        var total = await query.LongCountAsync(cancellationToken);
        var ordered = filter.Sort switch
        {
            "created_at" => query.OrderBy(u => u.CreatedAt).ThenBy(u => u.Id),
            "username" => query.OrderBy(u => u.NormalizedUsername),
            "-username" => query.OrderByDescending(u => u.NormalizedUsername),
            "last_login_at" => query.OrderBy(u => u.LastLoginAt).ThenBy(u => u.Id),
            "-last_login_at" => query.OrderByDescending(u => u.LastLoginAt).ThenByDescending(u => u.Id),
            _ => query.OrderByDescending(u => u.CreatedAt).ThenByDescending(u => u.Id),
        };
        var items = await ordered.Skip(paging.Offset).Take(paging.Limit).Select(AdminUserDto.Projection(now)).ToListAsync(cancellationToken);
        return new PagedResult<AdminUserDto>(items, paging.Page, paging.Limit, total);
    }

    public Task<AdminUserDto?> FindUserAsync(Guid userId, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.Users.AsNoTracking().Where(u => u.Id == userId && u.Status != AccountStatus.Deleted).Select(AdminUserDto.Projection(now)).FirstOrDefaultAsync(cancellationToken);

    public Task<long> CountActiveSessionsAsync(Guid userId, DateTimeOffset now, CancellationToken cancellationToken) =>
        ActiveSessions(now).LongCountAsync(s => s.UserId == userId, cancellationToken);

    public async Task<IReadOnlyList<AuditEventDto>> RecentAuditOfUserAsync(Guid userId, int limit, CancellationToken cancellationToken)
    {
        var target = AuditTargets.User(userId);
        return await db.AuditEvents.AsNoTracking().Where(a => a.ActorUserId == userId || a.Target == target)
            .OrderByDescending(a => a.OccurredAt).ThenByDescending(a => a.Id).Take(limit).Select(AuditEventDto.Projection).ToListAsync(cancellationToken);
    }

    public async Task<PagedResult<AuditEventDto>> ListAuditAsync(AuditFilter filter, PageRequest paging, CancellationToken cancellationToken)
    {
        var query = db.AuditEvents.AsNoTracking();
        if (filter.Actor is { } actor)
        {
            query = query.Where(a => a.ActorUserId == actor);
        }

        if (filter.Action is { } action)
        {
            query = query.Where(a => a.Action == action);
        }

        if (filter.Target is { } target)
        {
            query = query.Where(a => a.Target == target);
        }

        if (filter.From is { } from)
        {
            query = query.Where(a => a.OccurredAt >= from);
        }

        if (filter.To is { } to)
        {
            query = query.Where(a => a.OccurredAt < to);
        }

        var total = await query.LongCountAsync(cancellationToken);
        var items = await query.OrderByDescending(a => a.OccurredAt).ThenByDescending(a => a.Id)
            .Skip(paging.Offset).Take(paging.Limit).Select(AuditEventDto.Projection).ToListAsync(cancellationToken);
        return new PagedResult<AuditEventDto>(items, paging.Page, paging.Limit, total);
    }

    public async Task<IReadOnlyList<AnalyticsDayDto>> GetDailyActivityAsync(DateOnly from, int days, CancellationToken cancellationToken)
    {
        // One row per day from generate_series, so days without activity are present with zeros.
        const string sql = """
            WITH days AS (
                SELECT (@from + g.i) AS day FROM generate_series(0, @days - 1) AS g(i)
            ),
            signups AS (
                SELECT (created_at AT TIME ZONE 'UTC')::date AS day, count(*) AS n
                FROM users WHERE created_at >= @since GROUP BY 1
            ),
            logins AS (
                SELECT (occurred_at AT TIME ZONE 'UTC')::date AS day, count(*) AS n
                FROM audit_events WHERE action = @login AND outcome = @success AND occurred_at >= @since GROUP BY 1
            ),
            actives AS (
                SELECT (occurred_at AT TIME ZONE 'UTC')::date AS day, count(DISTINCT actor_user_id) AS n
                FROM audit_events WHERE actor_user_id IS NOT NULL AND outcome = @success AND occurred_at >= @since GROUP BY 1
            )
            SELECT d.day AS "Date", COALESCE(s.n, 0) AS "Signups", COALESCE(l.n, 0) AS "Logins", COALESCE(a.n, 0) AS "ActiveUsers"
            FROM days d
            LEFT JOIN signups s ON s.day = d.day
            LEFT JOIN logins l ON l.day = d.day
            LEFT JOIN actives a ON a.day = d.day
            ORDER BY d.day
            """;
        var since = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
        var rows = await db.Database.SqlQueryRaw<DayRow>(
                sql,
                new NpgsqlParameter("from", from),
                new NpgsqlParameter("days", days),
                new NpgsqlParameter("since", since),
                new NpgsqlParameter("login", AuditActions.Login),
                new NpgsqlParameter("success", AuditOutcomes.Success))
            .ToListAsync(cancellationToken);
        return rows.Select(r => new AnalyticsDayDto(r.Date, r.Signups, r.Logins, r.ActiveUsers)).ToList();
    }

    /// <summary>Signed in and still usable: not revoked and not past the absolute end.</summary>
    private IQueryable<Domain.Sessions.Session> ActiveSessions(DateTimeOffset now) =>
        db.Sessions.AsNoTracking().Where(s => s.RevokedAt == null && s.AbsoluteExpiresAt > now);

    private sealed record DayRow(DateOnly Date, long Signups, long Logins, long ActiveUsers);
}
