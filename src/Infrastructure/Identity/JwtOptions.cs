using System.ComponentModel.DataAnnotations;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Veza.Infrastructure.Identity;

public sealed class JwtOptions : IValidatableObject
{
    public const string Section = "Jwt";
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    [Required]
    public string Issuer { get; set; } = "veza";

    [Required]
    public string Audience { get; set; } = "veza-api";

    /// <summary>HMAC-SHA256 key, at least 32 bytes. Only from configuration or the environment (Jwt__SigningKey).</summary>
    [Required(ErrorMessage = "Jwt:SigningKey is required (set Jwt__SigningKey; at least 32 characters).")]
    public string SigningKey { get; set; } = string.Empty;

    [Range(typeof(TimeSpan), "00:01:00", "01:00:00")]
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long an access token of a revoked session can still be presented: what revocation stores must remember.</summary>
    public TimeSpan RevocationRetention => AccessTokenLifetime + ClockSkew;

    public SymmetricSecurityKey CreateSigningKey() => new(Encoding.UTF8.GetBytes(SigningKey));

    public TokenValidationParameters CreateValidationParameters() => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        IssuerSigningKey = CreateSigningKey(),
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ValidateIssuer = true,
        ValidateAudience = true,
        ValidateLifetime = true,
        ValidateIssuerSigningKey = true,
        RequireExpirationTime = true,
        ClockSkew = ClockSkew,
        NameClaimType = JwtClaimNames.Username,
        RoleClaimType = JwtClaimNames.Role,
    };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Encoding.UTF8.GetByteCount(SigningKey) < 32)
        {
            yield return new ValidationResult("Jwt:SigningKey must be at least 32 bytes.", [nameof(SigningKey)]);
        }
    }
}

/// <summary>The claims an access token carries (other services rely on these names).</summary>
public static class JwtClaimNames
{
    public const string Subject = "sub";
    public const string Username = "username";
    public const string Role = "role";
    public const string SessionId = "sid";
    public const string TokenId = "jti";
    public const string Expires = "exp";
}
