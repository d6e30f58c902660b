using Veza.Domain.Common;

namespace Veza.Domain.Identities;

/// <summary>
/// A sign-in sent to a provider and not back yet: what the callback needs to finish it (the PKCE
/// verifier, where the frontend wants to land), found by the hash of its <c>state</c>. Short-lived and
/// single use, so a state can be neither replayed nor forged into someone else's sign-in.
/// </summary>
public sealed class PendingOAuthLogin : Entity
{
    /// <summary>Long enough for a person to pass the provider's consent screen, short enough that a stolen state is soon worthless.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private PendingOAuthLogin()
    {
        StateHash = CodeVerifier = RedirectUri = string.Empty;
    }

    public string StateHash { get; private set; }
    public ExternalProvider Provider { get; private set; }

    /// <summary>
    /// The PKCE verifier, stored as is (docs/decisions/0017): useless without the authorization code, which
    /// only the browser and the provider see, and gone from use within <see cref="Lifetime"/>.
    /// </summary>
    public string CodeVerifier { get; private set; }

    /// <summary>The frontend page to return to (already checked against the allow-list).</summary>
    public string RedirectUri { get; private set; }

    /// <summary>
    /// The hash of the secret handed to the frontend that started the sign-in: the login code it ends in is
    /// only swapped for tokens with that secret, so nobody can finish their own sign-in in someone else's
    /// browser (login CSRF). Null only for sign-ins started before bindings existed.
    /// </summary>
    public string? BindingHash { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? ConsumedAt { get; private set; }

    public static PendingOAuthLogin Start(ExternalProvider provider, string stateHash, string codeVerifier, string redirectUri, string bindingHash, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateHash);
        ArgumentException.ThrowIfNullOrEmpty(bindingHash);
        ArgumentException.ThrowIfNullOrEmpty(codeVerifier);
        ArgumentException.ThrowIfNullOrEmpty(redirectUri);
        return new PendingOAuthLogin
        {
            Id = Guid.CreateVersion7(now),
            StateHash = stateHash,
            Provider = provider,
            CodeVerifier = codeVerifier,
            RedirectUri = redirectUri,
            BindingHash = bindingHash,
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
        };
    }

    /// <summary>
    /// Spends the state. False when it was already spent, has expired, or came back on another
    /// provider's callback; a spent or mismatched state stays spent, so it cannot be tried again.
    /// </summary>
    public bool Consume(ExternalProvider callbackProvider, DateTimeOffset now)
    {
        if (ConsumedAt is not null)
        {
            return false;
        }

        ConsumedAt = now;
        return callbackProvider == Provider && now < ExpiresAt;
    }
}
