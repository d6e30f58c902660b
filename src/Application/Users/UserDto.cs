using System.Linq.Expressions;
using Veza.Domain.Users;

namespace Veza.Application.Users;

/// <summary>A user as the API shows it to that user (role as snake_case text on the wire: user ... super_admin).</summary>
public sealed record UserDto(Guid Id, string Username, string Email, bool EmailVerified, Role Role, DateTimeOffset CreatedAt)
{
    /// <summary>The one mapping from the entity, usable in memory and inside a database query.</summary>
    public static readonly Expression<Func<User, UserDto>> Projection = u => new UserDto(u.Id, u.Username, u.Email, u.EmailVerifiedAt != null, u.Role, u.CreatedAt);

    private static readonly Func<User, UserDto> Compiled = Projection.Compile();

    public static UserDto From(User user) => Compiled(user);
}
