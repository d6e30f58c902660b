using System.Linq.Expressions;
using Veza.Domain.Users;

namespace Veza.Application.Users;

/// <summary>A user as the API shows it to that user.</summary>
public sealed record UserDto(Guid Id, string Username, string Email, string Role, DateTimeOffset CreatedAt)
{
    /// <summary>The one mapping from the entity, usable in memory and inside a database query.</summary>
    public static readonly Expression<Func<User, UserDto>> Projection = u => new UserDto(
        u.Id,
        u.Username,
        u.Email,
        u.Role == Domain.Users.Role.SuperAdmin ? RoleNames.SuperAdmin
            : u.Role == Domain.Users.Role.Admin ? RoleNames.Admin
            : u.Role == Domain.Users.Role.Moderator ? RoleNames.Moderator
            : RoleNames.User,
        u.CreatedAt);

    private static readonly Func<User, UserDto> Compiled = Projection.Compile();

    public static UserDto From(User user) => Compiled(user);
}
