using Veza.Application.Users;

namespace Veza.Application.Auth;

/// <summary>What a client keeps after register, login or refresh.</summary>
public sealed record AuthResultDto(UserDto User, string AccessToken, string RefreshToken, string TokenType, int ExpiresIn, DateTimeOffset RefreshTokenExpiresAt);
