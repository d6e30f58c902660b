using System.Security.Claims;
using Veza.Infrastructure.Identity;

namespace Veza.Api.Security;

/// <summary>The one place that reads who the caller is from a validated access token.</summary>
public static class ClaimsPrincipalExtensions
{
    /// <summary>The caller's user id, or null when the request is anonymous.</summary>
    public static Guid? UserId(this ClaimsPrincipal principal) => principal.GuidClaim(JwtClaimNames.Subject);

    public static Guid? SessionId(this ClaimsPrincipal principal) => principal.GuidClaim(JwtClaimNames.SessionId);

    private static Guid? GuidClaim(this ClaimsPrincipal principal, string type) =>
        principal.Identity?.IsAuthenticated == true && Guid.TryParse(principal.FindFirstValue(type), out var id) ? id : null;
}
