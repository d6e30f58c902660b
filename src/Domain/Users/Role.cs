namespace Veza.Domain.Users;

public enum Role
{
    User = 0,
    Moderator = 1,
    Admin = 2,
    SuperAdmin = 3,
}

public static class RoleNames
{
    public const string User = "user";
    public const string Moderator = "moderator";
    public const string Admin = "admin";
    public const string SuperAdmin = "super_admin";

    public static string ToName(this Role role) => role switch
    {
        Role.User => User,
        Role.Moderator => Moderator,
        Role.Admin => Admin,
        Role.SuperAdmin => SuperAdmin,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    public static bool TryParse(string? name, out Role role)
    {
        role = name switch
        {
            User => Role.User,
            Moderator => Role.Moderator,
            Admin => Role.Admin,
            SuperAdmin => Role.SuperAdmin,
            _ => (Role)(-1),
        };
        return role >= 0;
    }
}
