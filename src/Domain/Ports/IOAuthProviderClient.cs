using Veza.Domain.Identities;

namespace Veza.Domain.Ports;

/// <summary>
/// The outside providers people sign in with (OAuth 2 authorization code with PKCE S256), as configured:
/// which are on, which frontend pages a sign-in may return to, where to send the user, and what the
/// provider says about them once it sent back a code.
/// </summary>
public interface IOAuthProviderClient
{
    /// <summary>False for a provider without configured credentials: its routes answer 404.</summary>
    bool IsEnabled(ExternalProvider provider);

    /// <summary>True only for a page in the configured allow-list (exact match), so no sign-in becomes an open redirect.</summary>
    bool IsAllowedReturnUri(string uri);

    /// <summary>The provider's authorization URL carrying <paramref name="state"/> and the S256 challenge of <paramref name="codeVerifier"/>.</summary>
    string BuildAuthorizationUrl(ExternalProvider provider, string state, string codeVerifier);

    /// <summary>
    /// Exchanges the code (with its verifier) for an access token and reads the profile with it.
    /// Throws <see cref="OAuthProviderException"/> when the provider refuses or answers nonsense.
    /// </summary>
    Task<ExternalProfile> FetchProfileAsync(ExternalProvider provider, string code, string codeVerifier, CancellationToken cancellationToken);
}

/// <summary>What a provider says about the person who signed in.</summary>
/// <param name="Subject">The provider's stable id of the account.</param>
/// <param name="Email">The address the provider gives (for GitHub, the primary one), if any.</param>
/// <param name="EmailVerified">True only when the provider says the person proved they read mail there.</param>
/// <param name="Login">The provider's handle (GitHub login, Discord username), if it has one.</param>
/// <param name="Name">The display name, if any.</param>
public sealed record ExternalProfile(string Subject, string? Email, bool EmailVerified, string? Login, string? Name);

/// <summary>The provider refused the exchange or answered something unusable; the message is for logs, never for the client.</summary>
public sealed class OAuthProviderException(string message, Exception? inner = null) : Exception(message, inner);
