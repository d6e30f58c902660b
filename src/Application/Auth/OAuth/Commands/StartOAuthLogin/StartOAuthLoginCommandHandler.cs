using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Domain.Identities;
using Veza.Domain.Ports;

namespace Veza.Application.Auth.OAuth.Commands.StartOAuthLogin;

/// <summary>
/// Starts a sign-in at a provider: a fresh state (256 bits; only its hash stored) and PKCE verifier kept
/// server-side for 10 minutes with the page to return to, the provider URL to send the browser to, and
/// the binding secret the same frontend must show to swap the login code (only its hash stored).
/// </summary>
public sealed class StartOAuthLoginCommandHandler(
    IOAuthProviderClient providers, IPendingOAuthLoginRepository pending, ITokenService secrets, IClock clock)
    : IRequestHandler<StartOAuthLoginCommand, OAuthStartDto>
{
    /// <summary>How long an expired sign-in is kept, so its late callback still returns to the frontend with invalid_state rather than a bare 400.</summary>
    public static readonly TimeSpan ExpiredRetention = TimeSpan.FromHours(1);

    public async Task<OAuthStartDto> Handle(StartOAuthLoginCommand request, CancellationToken cancellationToken)
    {
        var provider = OAuthProviderRoute.Resolve(request.Provider, providers);
        if (!providers.IsAllowedReturnUri(request.RedirectUri!))
        {
            throw new RequestValidationException([new FieldError("redirect_uri", "This page is not an allowed return address.")]);
        }

        var now = clock.UtcNow;
        // Every start sweeps the abandoned ones (an index range on expires_at): the table stays small without a job.
        await pending.DeleteExpiredAsync(now - ExpiredRetention, cancellationToken);
        var state = secrets.CreateOpaqueToken();
        // 32 random bytes in base64url: 43 characters of the RFC 7636 verifier alphabet.
        var codeVerifier = secrets.CreateOpaqueToken();
        var binding = secrets.CreateOpaqueToken();
        pending.Add(PendingOAuthLogin.Start(provider, secrets.HashOpaqueToken(state), codeVerifier, request.RedirectUri!, secrets.HashOpaqueToken(binding), now));
        return new OAuthStartDto(providers.BuildAuthorizationUrl(provider, state, codeVerifier), binding);
    }
}
