using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Veza.Domain.Ports;
using Veza.Domain.Users;

namespace Veza.Infrastructure.Identity;

public sealed class JwtTokenService(IOptions<JwtOptions> options) : ITokenService
{
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly JwtOptions _options = options.Value;
    private readonly SigningCredentials _credentials = new(options.Value.CreateSigningKey(), SecurityAlgorithms.HmacSha256);

    public AccessToken CreateAccessToken(User user, Guid sessionId, DateTimeOffset now)
    {
        var expires = now + _options.AccessTokenLifetime;
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = _options.Issuer,
            Audience = _options.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = _credentials,
            Claims = new Dictionary<string, object>
            {
                [JwtClaimNames.Subject] = user.Id.ToString(),
                [JwtClaimNames.Username] = user.Username,
                [JwtClaimNames.Role] = user.Role.ToName(),
                [JwtClaimNames.SessionId] = sessionId.ToString(),
                [JwtClaimNames.TokenId] = Guid.NewGuid().ToString("N"),
            },
        });
        return new AccessToken(token, expires);
    }

    public string CreateOpaqueToken() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));

    public string HashOpaqueToken(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));
}
