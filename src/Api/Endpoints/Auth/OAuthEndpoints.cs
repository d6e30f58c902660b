using MediatR;
using Microsoft.AspNetCore.WebUtilities;
using Veza.Api.Http;
using Veza.Application.Auth.OAuth;
using Veza.Application.Auth.OAuth.Commands.CompleteOAuthLogin;
using Veza.Application.Auth.OAuth.Commands.ExchangeOAuthLoginCode;
using Veza.Application.Auth.OAuth.Commands.StartOAuthLogin;

namespace Veza.Api.Endpoints.Auth;

/// <summary>Sign-in with Google, GitHub and Discord: start, the provider's callback, and the login-code exchange (docs/decisions/0017).</summary>
public sealed class OAuthEndpoints : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var oauth = app.MapGroup("/api/v1/auth/oauth").WithTags("Auth").AllowAnonymous();

        oauth.MapGet("/{provider}/start", async (string provider, string? redirect_uri, IMediator mediator, CancellationToken ct) =>
                ApiResults.Ok(await mediator.Send(new StartOAuthLoginCommand(provider, redirect_uri), ct)))
            .WithName("StartOAuthLogin")
            .WithSummary("Start signing in with a provider (google, github, discord)")
            .WithDescription("Returns authorization_url: send the browser there; and binding: keep it in this frontend (sessionStorage) and send it with the login code to /auth/oauth/exchange, which refuses a code from a sign-in another browser started (login CSRF). The URL carries a fresh state (valid 10 minutes, single use) and a PKCE S256 challenge; the API keeps the verifier. redirect_uri is the frontend page to come back to and must equal one of OAuth:AllowedRedirectUris exactly (else 400 VALIDATION_ERROR on redirect_uri: no open redirects). An unknown provider, or one without configured credentials: 404.")
            .ProducesErrors(400, 404, 429, 503)
            .WithRateLimitPolicy(RateLimitPolicies.Login);

        oauth.MapGet("/{provider}/callback", async (string provider, string? code, string? state, string? error, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var result = await mediator.Send(new CompleteOAuthLoginCommand(provider, code, state, error), ct);
                // The login code is on the URL the browser lands on: keep it out of caches and Referer headers.
                http.Response.Headers.CacheControl = "no-store";
                http.Response.Headers["Referrer-Policy"] = "no-referrer";
                return Results.Redirect(result.LoginCode is { } loginCode
                    ? QueryHelpers.AddQueryString(result.RedirectUri, "login_code", loginCode)
                    : QueryHelpers.AddQueryString(result.RedirectUri, "error", result.Error!));
            })
            .WithName("OAuthCallback")
            .WithSummary("Where the provider sends the browser back (not called by frontends)")
            .WithDescription("Spends the state, exchanges the code with its PKCE verifier and reads the profile. The account signed in is: the one already linked to this provider account; else the account with the same email when the provider says it is verified and the account verified it too (then linked); else a new account without a password (username derived from the profile, made unique; email verified when the provider verified it). An unverified provider email never links to an existing account, nor does any email to an account that never verified its address. Then 302 to the redirect_uri given at start with login_code (single use, 60 seconds; swap it at POST /auth/oauth/exchange) — never tokens. Once the state is known, every refusal is also a 302 there, with error = invalid_state (spent, expired, or another provider's), access_denied, provider_error, email_required, email_not_verified, account_email_unverified, identity_conflict, registration_closed or account_restricted. An unknown or missing state: 400 VALIDATION_ERROR, no redirect.")
            .Produces(StatusCodes.Status302Found)
            .ProducesErrors(400, 404, 429, 503)
            .WithRateLimitPolicy(RateLimitPolicies.Login);

        oauth.MapPost("/exchange", async (ExchangeOAuthLoginCodeCommand command, IMediator mediator, CancellationToken ct) =>
                ApiResults.Ok(await mediator.Send(command, ct), "Signed in."))
            .WithName("ExchangeOAuthLoginCode")
            .WithSummary("Swap a provider sign-in's login code for tokens")
            .WithDescription("{login_code, binding}: binding is what /start returned to this frontend; a code from a sign-in another browser started is refused with 400 VALIDATION_ERROR on binding (and stays unspent). The same answer as POST /auth/login: the token pair with mfa_required false, or, when the account has two-factor authentication on, mfa_required true and an mfa_token for POST /auth/2fa/verify. A login code works once, for 60 seconds; unknown, spent and expired codes give the same 400 on login_code. A suspended or banned account: 403.")
            .ProducesErrors(400, 403, 413, 415, 429, 503)
            .WithRateLimitPolicy(RateLimitPolicies.Login)
            .AllowedDuringMaintenance();
    }
}
