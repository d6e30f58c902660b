using Veza.Application.Users;

namespace Veza.Application.Auth.SignIn;

/// <summary>
/// The answer to every sign-in (password, magic link, OAuth login code, second factor): either the
/// token pair (<c>mfa_required: false</c>), or, when the account has a second factor on,
/// <c>mfa_required: true</c> with an <c>mfa_token</c> to send with the code to /auth/2fa/verify and
/// no tokens. One flat shape, so a client reads <c>mfa_required</c> first and never guesses.
/// </summary>
public sealed record SignInResultDto(
    bool MfaRequired,
    string? MfaToken,
    DateTimeOffset? MfaTokenExpiresAt,
    UserDto? User,
    string? AccessToken,
    string? RefreshToken,
    string? TokenType,
    int? ExpiresIn,
    DateTimeOffset? RefreshTokenExpiresAt)
{
    public static SignInResultDto SignedIn(AuthResultDto tokens) =>
        new(false, null, null, tokens.User, tokens.AccessToken, tokens.RefreshToken, tokens.TokenType, tokens.ExpiresIn, tokens.RefreshTokenExpiresAt);

    public static SignInResultDto SecondFactorRequired(string mfaToken, DateTimeOffset expiresAt) =>
        new(true, mfaToken, expiresAt, null, null, null, null, null, null);
}
