using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Veza.Api.Http;
using Veza.Application.Common.ReadModels;
using Veza.Domain.Ports;
using Veza.Infrastructure.Identity;

namespace Veza.Api.Security;

/// <summary>
/// Access tokens are validated locally (signature, issuer, audience, lifetime), then their session is
/// checked against <see cref="ISessionRevocationStore"/> on every request: that is how logout and a
/// password change refuse access tokens that have not yet expired. The account must also still exist
/// (and be active), or the token is refused on every route.
/// </summary>
public sealed class JwtBearerSetup(IOptions<JwtOptions> jwt) : IConfigureNamedOptions<JwtBearerOptions>
{
    public void Configure(string? name, JwtBearerOptions options) => Configure(options);

    public void Configure(JwtBearerOptions options)
    {
        options.MapInboundClaims = false;
        options.TokenValidationParameters = jwt.Value.CreateValidationParameters();
        options.Events = new JwtBearerEvents
        {
            OnMessageReceived = context =>
            {
                // Browsers cannot set headers on WebSockets: SignalR sends the token in the query string.
                if (context.HttpContext.Request.Path.StartsWithSegments("/hubs") && context.Request.Query["access_token"] is [{ Length: > 0 } token])
                {
                    context.Token = token;
                }

                return Task.CompletedTask;
            },
            OnTokenValidated = async context =>
            {
                var services = context.HttpContext.RequestServices;
                var aborted = context.HttpContext.RequestAborted;
                if (context.Principal?.SessionId() is not { } sessionId
                    || await services.GetRequiredService<ISessionRevocationStore>().IsRevokedAsync(sessionId, aborted))
                {
                    context.Fail(new SessionRevokedException());
                }
                else if (context.Principal.UserId() is not { } userId
                    || !await services.GetRequiredService<IUserReadModel>().IsActiveAsync(userId, aborted))
                {
                    context.Fail(new AccountInactiveException());
                }
            },
            OnChallenge = async context =>
            {
                context.HandleResponse();
                context.Response.Headers.WWWAuthenticate = "Bearer";
                var message = context.AuthenticateFailure switch
                {
                    null => "Authentication is required: send 'Authorization: Bearer <access_token>'.",
                    SecurityTokenExpiredException => "The access token has expired. Refresh it.",
                    SessionRevokedException => "The session of this access token has been revoked. Sign in again.",
                    AccountInactiveException => "The account of this access token no longer exists or is not active.",
                    _ => "The access token is invalid.",
                };
                await ErrorMappingMiddleware.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, ErrorCodes.Unauthorized, message);
            },
        };
    }

    private sealed class SessionRevokedException() : Exception("Session revoked.");

    private sealed class AccountInactiveException() : Exception("Account gone or inactive.");
}
