using Veza.Application.Admin;
using Veza.Application.Common.Models;

namespace Veza.Application.Common.ReadModels;

/// <summary>Read side of the administration screens: counts, user lists, the audit trail, daily activity.</summary>
public interface IAdminReadModel
{
    Task<DashboardDto> GetDashboardAsync(DateTimeOffset now, CancellationToken cancellationToken);

    Task<PagedResult<AdminUserDto>> ListUsersAsync(AdminUserFilter filter, PageRequest paging, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Null for an unknown or deleted account.</summary>
    Task<AdminUserDto?> FindUserAsync(Guid userId, DateTimeOffset now, CancellationToken cancellationToken);

    Task<long> CountActiveSessionsAsync(Guid userId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The latest events where the user is the actor or the target, newest first.</summary>
    Task<IReadOnlyList<AuditEventDto>> RecentAuditOfUserAsync(Guid userId, int limit, CancellationToken cancellationToken);

    /// <summary>Newest first.</summary>
    Task<PagedResult<AuditEventDto>> ListAuditAsync(AuditFilter filter, PageRequest paging, CancellationToken cancellationToken);

    /// <summary>One entry per UTC day from <paramref name="from"/>, <paramref name="days"/> of them, zero-filled.</summary>
    Task<IReadOnlyList<AnalyticsDayDto>> GetDailyActivityAsync(DateOnly from, int days, CancellationToken cancellationToken);
}
