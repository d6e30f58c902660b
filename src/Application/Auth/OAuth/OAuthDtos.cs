namespace Veza.Application.Auth.OAuth;

/// <summary>Where to send the browser: the provider's consent page, carrying state and a PKCE S256 challenge.</summary>
/// <param name="Binding">
/// A secret for this browser alone: the frontend keeps it (sessionStorage) and sends it with the login
/// code to /auth/oauth/exchange, which refuses a code from a sign-in another browser started.
/// </param>
public sealed record OAuthStartDto(string AuthorizationUrl, string Binding);

/// <summary>
/// How a provider's callback ends: back to the frontend page the sign-in started from, with either a
/// one-time <see cref="LoginCode"/> (60 seconds, swapped for tokens at /auth/oauth/exchange) or an
/// <see cref="Error"/> (one of <see cref="OAuthErrors"/>).
/// </summary>
public sealed record OAuthCallbackResult(string RedirectUri, string? LoginCode, string? Error)
{
    public static OAuthCallbackResult Failed(string redirectUri, string error) => new(redirectUri, null, error);
}

/// <summary>The <c>error</c> values a callback sends the frontend (stable: frontends switch on them).</summary>
public static class OAuthErrors
{
    /// <summary>The sign-in was already finished, has expired (10 minutes) or came back on another provider.</summary>
    public const string InvalidState = "invalid_state";

    /// <summary>The person refused consent at the provider.</summary>
    public const string AccessDenied = "access_denied";

    /// <summary>The provider refused the code exchange, or answered something unusable.</summary>
    public const string ProviderError = "provider_error";

    /// <summary>The provider gave no email address (an account needs one).</summary>
    public const string EmailRequired = "email_required";

    /// <summary>The provider has not verified the address: no automatic link to the account using it, and no new account at it.</summary>
    public const string EmailNotVerified = "email_not_verified";

    /// <summary>
    /// An account uses the address but never proved it reads mail there: it may have been registered by
    /// someone else in wait for the owner, so no link until it is verified (docs/decisions/0017).
    /// </summary>
    public const string AccountEmailUnverified = "account_email_unverified";

    /// <summary>The account with that address is already linked to another account at this provider.</summary>
    public const string IdentityConflict = "identity_conflict";

    /// <summary>A new account would be needed, and an admin has closed registration.</summary>
    public const string RegistrationClosed = "registration_closed";

    /// <summary>The account is suspended or banned.</summary>
    public const string AccountRestricted = "account_restricted";
}
