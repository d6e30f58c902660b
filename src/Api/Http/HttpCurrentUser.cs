using System.Globalization;
using System.Security.Claims;
using Veza.Api.Security;
using Veza.Domain.Ports;
using Veza.Domain.Users;
using Veza.Infrastructure.Identity;

namespace Veza.Api.Http;

/// <summary>The caller as the validated access token (and the connection) describe them.</summary>
public sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    private ClaimsPrincipal? Principal => accessor.HttpContext?.User;

    public bool IsAuthenticated => Principal?.Identity?.IsAuthenticated == true;
    public Guid? UserId => Principal?.UserId();
    public string? Username => IsAuthenticated ? Principal!.FindFirstValue(JwtClaimNames.Username) : null;
    public Role? Role => IsAuthenticated && RoleNames.TryParse(Principal!.FindFirstValue(JwtClaimNames.Role), out var role) ? role : null;
    public Guid? SessionId => Principal?.SessionId();

    public DateTimeOffset? AccessTokenExpiresAt =>
        IsAuthenticated && long.TryParse(Principal!.FindFirstValue(JwtClaimNames.Expires), NumberStyles.Integer, CultureInfo.InvariantCulture, out var exp)
            ? DateTimeOffset.FromUnixTimeSeconds(exp)
            : null;

    public string? IpAddress => accessor.HttpContext?.Connection.RemoteIpAddress?.ToString();

    public string? UserAgent => accessor.HttpContext?.Request.Headers.UserAgent.ToString() is { Length: > 0 } ua ? ua : null;
}
