using Veza.Domain.Users;

namespace Veza.Domain.Ports;

public sealed record AccessToken(string Token, DateTimeOffset ExpiresAt);

public interface ITokenService
{
    AccessToken CreateAccessToken(User user, Guid sessionId, DateTimeOffset now);

    /// <summary>A new opaque secret (256 random bits, base64url): refresh tokens and one-time account tokens, handed out once.</summary>
    string CreateOpaqueToken();

    /// <summary>The only form of an opaque secret that is stored (SHA-256: the secret has full entropy, so no salt or stretching is needed).</summary>
    string HashOpaqueToken(string token);
}
