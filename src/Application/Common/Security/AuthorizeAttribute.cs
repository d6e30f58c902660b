namespace Veza.Application.Common.Security;

/// <summary>Put on a request: the caller must be authenticated and, when <see cref="Roles"/> is set, hold one of them.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = true)]
public sealed class AuthorizeAttribute : Attribute
{
    /// <summary>Comma-separated role names (user, moderator, admin, super_admin).</summary>
    public string? Roles { get; init; }
}
