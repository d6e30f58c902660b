using MediatR;
using Veza.Api.Endpoints.Users;
using Veza.Api.Http;
using Veza.Application.Auth.Commands.Login;
using Veza.Application.Auth.Commands.Logout;
using Veza.Application.Auth.Commands.RefreshSession;
using Veza.Application.Auth.Commands.Register;
using Veza.Application.Auth.Queries.GetTokenClaims;

namespace Veza.Api.Endpoints.Auth;

public sealed class AuthEndpoints : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/v1/auth").WithTags("Auth");

        auth.MapPost("/register", async (RegisterCommand command, IMediator mediator, CancellationToken ct) =>
                ApiResults.Created("/api/v1/users/me", await mediator.Send(command, ct), "Account created."))
            .WithName("Register")
            .WithSummary("Create an account and sign in")
            .WithDescription("Username: 3-30 characters of a-z, 0-9 and _ (lower case only; unique). Email: unique, case-insensitively. Password: 8-128 characters, not among the 100,000 most common leaked passwords (case-insensitive, trailing symbols ignored). Returns the user and a token pair. While an admin has closed registration (runtime setting registration_open), 403 FORBIDDEN.")
            .ProducesErrors(400, 403, 409, 413, 415, 429, 503)
            .WithRateLimitPolicy(RateLimitPolicies.Register)
            .AllowAnonymous();

        auth.MapPost("/login", async (LoginCommand command, IMediator mediator, CancellationToken ct) =>
                ApiResults.Ok(await mediator.Send(command, ct), "Signed in."))
            .WithName("Login")
            .WithSummary("Sign in with email or username")
            .WithDescription("Returns a 15-minute access token (JWT) and an opaque refresh token (7 days sliding, 30 days at most), with mfa_required false. When the account has two-factor authentication on, returns instead mfa_required true and an mfa_token (5 minutes) and no tokens: send it with a code to POST /auth/2fa/verify. Unknown account and wrong password give the same 401. After 5 failures for one login from one address within 15 minutes, that login is refused from that address with 429 and Retry-After, each further failure doubling the wait (1 to 15 minutes); other addresses are unaffected. Across all addresses a login gets 100 failures an hour, then one try every 30 s, except from addresses the account used recently. Unknown logins are throttled exactly like real ones.")
            .ProducesErrors(400, 401, 413, 415, 429)
            .WithRateLimitPolicy(RateLimitPolicies.Login)
            .AllowedDuringMaintenance()
            .AllowAnonymous();

        auth.MapPost("/refresh", async (RefreshSessionCommand command, IMediator mediator, CancellationToken ct) =>
                ApiResults.Ok(await mediator.Send(command, ct), "Tokens refreshed."))
            .WithName("RefreshTokens")
            .WithSummary("Exchange a refresh token for a new token pair")
            .WithDescription("Rotation: the presented refresh token is spent and a new pair is returned. Presenting a spent token again revokes the whole session (every token of that family) and answers 401.")
            .ProducesErrors(400, 401, 409, 413, 415, 429)
            .WithRateLimitPolicy(RateLimitPolicies.Refresh)
            .AllowedDuringMaintenance()
            .AllowAnonymous();

        auth.MapPost("/logout", async (LogoutCommand command, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(command, ct);
                return ApiResults.Ok(new LoggedOutDto(true), "Signed out.");
            })
            .WithName("Logout")
            .WithSummary("Sign out: revoke the session of this refresh token")
            .WithDescription("The refresh token is the credential, so this works even after the access token expired. From then on the session's refresh token is refused, and so is every access token issued for it (each request checks its session id against the revocation store). Logging out twice is not an error. Allowed during maintenance: ending a session must always work.")
            .ProducesErrors(400, 401, 413, 415, 429)
            .AllowedDuringMaintenance()
            .AllowAnonymous();

        auth.MapGet("/me", UserEndpoints.GetMyProfileAsync)
            .WithName("GetAuthenticatedUser")
            .WithSummary("The caller's profile")
            .ProducesErrors(401, 404, 429)
            .RequireAuthorization();

        auth.MapGet("/test", async (IMediator mediator, CancellationToken ct) =>
                ApiResults.Ok(await mediator.Send(new GetTokenClaimsQuery(), ct)))
            .WithName("ValidateToken")
            .WithSummary("Validate the caller's access token and return its claims (for other services)")
            .ProducesErrors(401, 429)
            .RequireAuthorization();
    }
}

public sealed record LoggedOutDto(bool LoggedOut);
