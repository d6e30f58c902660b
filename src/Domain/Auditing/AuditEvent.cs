using Veza.Domain.Common;

namespace Veza.Domain.Auditing;

/// <summary>An append-only record of a security-relevant action. Never holds a password or a token.</summary>
public sealed class AuditEvent
{
    private AuditEvent()
    {
        Action = Outcome = string.Empty;
    }

    public Guid Id { get; private set; }
    public Guid? ActorUserId { get; private set; }
    public string Action { get; private set; }
    public string Outcome { get; private set; }
    public DateTimeOffset OccurredAt { get; private set; }
    public string? IpAddress { get; private set; }
    public string? UserAgent { get; private set; }
    public string? Detail { get; private set; }

    /// <summary>What the action was about (<c>user:{id}</c>, <c>report:{id}</c>, <c>settings</c>), when not the actor.</summary>
    public string? Target { get; private set; }

    public static AuditEvent Record(
        string action, string outcome, Guid? actorUserId, DateTimeOffset now, string? ipAddress, string? userAgent, string? detail = null, string? target = null) => new()
    {
        Id = Guid.CreateVersion7(now),
        Action = action,
        Outcome = outcome,
        ActorUserId = actorUserId,
        OccurredAt = now,
        IpAddress = ipAddress,
        UserAgent = ClientText.LimitUserAgent(userAgent),
        Detail = detail,
        Target = target,
    };
}

public static class AuditActions
{
    public const string Register = "auth.register";
    public const string Login = "auth.login";
    public const string RefreshTokenReuse = "auth.refresh_token_reuse";
    public const string Logout = "auth.logout";
    public const string PasswordChange = "users.password_change";
    public const string AvatarChange = "users.avatar_change";
    public const string AvatarRemove = "users.avatar_remove";
    public const string ProfileUpdate = "users.profile_update";
    public const string AccountDelete = "users.account_delete";
    public const string RoleChange = "admin.user_role_change";
    public const string StatusChange = "admin.user_status_change";
    public const string PlanChange = "admin.user_plan_change";
    public const string ReportFile = "reports.file";
    public const string ReportResolve = "reports.resolve";
    public const string SettingsChange = "admin.settings_change";
}

public static class AuditTargets
{
    public const string Settings = "settings";

    public static string User(Guid id) => $"user:{id}";

    public static string Report(Guid id) => $"report:{id}";
}

public static class AuditOutcomes
{
    public const string Success = "success";
    public const string Failure = "failure";
}
