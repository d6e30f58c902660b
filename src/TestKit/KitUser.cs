using Veza.Domain.Users;

namespace Veza.TestKit;

/// <summary>A user the kit registered (or signed in): who to act as with <see cref="VezaKit.As"/>, and how to sign in again.</summary>
public sealed record KitUser(Guid Id, string Username, string Email, string Password, Role Role, Guid SessionId);
