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
    public const string EmailVerificationSend = "auth.email_verification_send";
    public const string EmailVerify = "auth.email_verify";
    public const string PasswordResetRequest = "auth.password_reset_request";
    public const string PasswordReset = "auth.password_reset";
    public const string EmailChangeRequest = "users.email_change_request";
    public const string EmailChange = "users.email_change";
    public const string MagicLinkRequest = "auth.magic_link_request";
    public const string MagicLinkLogin = "auth.magic_link_login";
    public const string MfaSetup = "auth.mfa_setup";
    public const string MfaEnable = "auth.mfa_enable";
    public const string MfaDisable = "auth.mfa_disable";
    public const string MfaChallenge = "auth.mfa_challenge";
    public const string MfaVerify = "auth.mfa_verify";
    public const string MfaRecoveryCodesRegenerate = "auth.mfa_recovery_codes_regenerate";
    public const string OAuthLogin = "auth.oauth_login";
    public const string IdentityLink = "users.identity_link";
    public const string IdentityUnlink = "users.identity_unlink";
    public const string AddressOwnerClaim = "auth.address_owner_claim";
    public const string SessionRevoke = "auth.session_revoke";
    public const string AccountTokenRefused = "auth.account_token_refused";
    public const string TrackEdit = "tracks.edit";
    public const string TrackArtworkChange = "tracks.artwork_change";
    public const string TrackDelete = "tracks.delete";
    public const string TrackHide = "tracks.hide";
    public const string PlaylistDelete = "playlists.delete";
    public const string TrackUpload = "tracks.upload";
    public const string TrackReprocess = "tracks.reprocess";
    public const string TagRename = "tags.rename";
    public const string TagMerge = "tags.merge";
    public const string TagDelete = "tags.delete";
    public const string ResourceHide = "resources.hide";
}

public static class AuditTargets
{
    public const string Settings = "settings";

    public static string User(Guid id) => $"user:{id}";

    public static string Report(Guid id) => $"report:{id}";

    public static string Session(Guid id) => $"session:{id}";

    public static string Track(Guid id) => $"track:{id}";

    public static string Playlist(Guid id) => $"playlist:{id}";

    public static string Tag(string name) => $"tag:{name}";

    public static string Resource(Guid id) => $"resource:{id}";
}

public static class AuditOutcomes
{
    public const string Success = "success";
    public const string Failure = "failure";
}
