namespace Veza.Domain.Sessions;

public static class SessionRevocationReason
{
    public const string Logout = "logout";
    public const string PasswordChanged = "password_changed";
    public const string RefreshTokenReuse = "refresh_token_reuse";
    public const string Suspended = "suspended";
    public const string AccountDeleted = "account_deleted";
    public const string Banned = "banned";
    public const string RoleLowered = "role_lowered";
    public const string RevokedByUser = "revoked_by_user";
}
