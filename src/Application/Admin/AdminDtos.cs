using System.Linq.Expressions;
using Veza.Domain.Auditing;
using Veza.Domain.Settings;
using Veza.Domain.Users;

namespace Veza.Application.Admin;

/// <summary>
/// A user as administrators see them: with email, status and plan. The status is the effective one:
/// a suspension whose end has passed reads as active (it ended by itself; the row is not rewritten).
/// </summary>
public sealed record AdminUserDto(
    Guid Id,
    string Username,
    string Email,
    string? DisplayName,
    Role Role,
    AccountStatus Status,
    string? StatusReason,
    DateTimeOffset? StatusUntil,
    Plan Plan,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastLoginAt)
{
    public static Expression<Func<User, AdminUserDto>> Projection(DateTimeOffset now) => u => new AdminUserDto(
        u.Id,
        u.Username,
        u.Email,
        u.DisplayName,
        u.Role,
        u.Status == AccountStatus.Suspended && u.StatusUntil != null && u.StatusUntil <= now ? AccountStatus.Active : u.Status,
        u.Status == AccountStatus.Suspended && u.StatusUntil != null && u.StatusUntil <= now ? null : u.StatusReason,
        u.Status == AccountStatus.Suspended && u.StatusUntil != null && u.StatusUntil <= now ? null : u.StatusUntil,
        u.Plan,
        u.CreatedAt,
        u.LastLoginAt);

    public static AdminUserDto From(User user, DateTimeOffset now) => Projection(now).Compile()(user);
}

/// <summary>One user with the latest audit events where they acted or were acted upon.</summary>
public sealed record AdminUserDetailDto(AdminUserDto User, long ActiveSessions, IReadOnlyList<AuditEventDto> RecentAudit);

public sealed record AuditEventDto(
    Guid Id, Guid? ActorUserId, string Action, string Outcome, string? Target, string? Detail, string? IpAddress, DateTimeOffset OccurredAt)
{
    public static readonly Expression<Func<AuditEvent, AuditEventDto>> Projection = a =>
        new AuditEventDto(a.Id, a.ActorUserId, a.Action, a.Outcome, a.Target, a.Detail, a.IpAddress, a.OccurredAt);
}

/// <param name="TracksCount">Every stored track, whatever its state or visibility.</param>
/// <param name="StorageBytes">Bytes stored for tracks (originals, variants, HLS, waveforms, artwork): the sum of what counts against quotas.</param>
/// <param name="ProcessingFailures">Tracks whose processing failed (waiting for a reprocess or a delete).</param>
/// <param name="PlaysToday">Plays counted since midnight UTC (a radio play counts once, whatever its audience).</param>
public sealed record DashboardDto(
    long UsersCount, long NewUsersToday, long ActiveSessions, long OpenReports, long TracksCount, long StorageBytes, long ProcessingFailures, long PlaysTotal, long PlaysToday,
    Marketplace.MarketplaceStatsDto Marketplace);

/// <summary>One UTC day: accounts created, successful sign-ins, and distinct users who did anything recorded in the audit trail.</summary>
public sealed record AnalyticsDayDto(DateOnly Date, long Signups, long Logins, long ActiveUsers);

public sealed record AnalyticsDto(int Days, DateOnly From, DateOnly To, IReadOnlyList<AnalyticsDayDto> Series);

public sealed record UploadQuotaBytesDto(long Free, long Pro);

public sealed record RuntimeSettingsDto(
    bool RegistrationOpen, UploadQuotaBytesDto UploadQuotaBytes, long MaxUploadBytes, bool MaintenanceMode,
    bool RequireVerifiedEmail, bool RequireMfaForAdmins, DateTimeOffset? UpdatedAt, Guid? UpdatedBy)
{
    public static RuntimeSettingsDto From(RuntimeSettings s) => new(
        s.RegistrationOpen, new UploadQuotaBytesDto(s.FreeUploadQuotaBytes, s.ProUploadQuotaBytes), s.MaxUploadBytes, s.MaintenanceMode, s.RequireVerifiedEmail, s.RequireMfaForAdmins, s.UpdatedAt, s.UpdatedBy);
}

public sealed record AdminUserFilter(Role? Role, AccountStatus? Status, string? Search, string Sort);

public sealed record AuditFilter(Guid? Actor, string? Action, string? Target, DateTimeOffset? From, DateTimeOffset? To);
