using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Domain.Identities;
using Veza.Domain.Ports;

namespace Veza.Application.Auth.OAuth.Commands.StartOAuthLogin;

/// <summary>
/// Starts a sign-in at a provider: a fresh state (256 bits; only its hash stored) and PKCE verifier kept
/// server-side for 10 minutes with the page to return to, and the provider URL to send the browser to.
/// </summary>
public sealed class StartOAuthLoginCommandHandler(
    IOAuthProviderClient providers, IPendingOAuthLoginRepository pending, ITokenService secrets, IClock clock)
    : IRequestHandler<StartOAuthLoginCommand, OAuthStartDto>
{
    public Task<OAuthStartDto> Handle(StartOAuthLoginCommand request, CancellationToken cancellationToken)
    {
        var provider = OAuthProviderRoute.Resolve(request.Provider, providers);
        if (!providers.IsAllowedReturnUri(request.RedirectUri!))
        {
            throw new RequestValidationException([new FieldError("redirect_uri", "This page is not an allowed return address.")]);
        }

        var state = secrets.CreateOpaqueToken();
        // 32 random bytes in base64url: 43 characters of the RFC 7636 verifier alphabet.
        var codeVerifier = secrets.CreateOpaqueToken();
        pending.Add(PendingOAuthLogin.Start(provider, secrets.HashOpaqueToken(state), codeVerifier, request.RedirectUri!, clock.UtcNow));
        return Task.FromResult(new OAuthStartDto(providers.BuildAuthorizationUrl(provider, state, codeVerifier)));
    }
}
