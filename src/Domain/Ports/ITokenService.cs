using Veza.Domain.Users;

namespace Veza.Domain.Ports;

public sealed record AccessToken(string Token, DateTimeOffset ExpiresAt);

public interface ITokenService
{
    AccessToken CreateAccessToken(User user, Guid sessionId, DateTimeOffset now);

    /// <summary>A new opaque refresh token (256 random bits) to hand to the client once.</summary>
    string CreateRefreshToken();

    /// <summary>The only form of a refresh token that is stored.</summary>
    string HashRefreshToken(string refreshToken);
}
