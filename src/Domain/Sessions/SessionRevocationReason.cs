namespace Veza.Domain.Sessions;

public static class SessionRevocationReason
{
    public const string Logout = "logout";
    public const string PasswordChanged = "password_changed";
    public const string PasswordReset = "password_reset";
    public const string RefreshTokenReuse = "refresh_token_reuse";
    public const string Suspended = "suspended";
    public const string AccountDeleted = "account_deleted";
    public const string Banned = "banned";
    public const string RoleLowered = "role_lowered";
    public const string RevokedByUser = "revoked_by_user";

    /// <summary>The owner of the address proved it for the first time: whoever held the account before may not have been them.</summary>
    public const string AddressOwnerClaimed = "address_owner_claimed";
}
