using MediatR;
using Veza.Api.Http;
using Veza.Application.Auth.Commands.RevokeOtherSessions;
using Veza.Application.Auth.Commands.RevokeSession;
using Veza.Application.Auth.Queries.ListSessions;
using Veza.Application.Common.Models;

namespace Veza.Api.Endpoints.Auth;

/// <summary>The caller's signed-in sessions (devices): list them, sign one out, sign out everywhere else.</summary>
public sealed class SessionEndpoints : IEndpointGroup
{
    private const string TakesEffectAtOnce =
        "The session's refresh token is refused from then on, and so is every access token issued for it, on every API node at once (each request checks its session id against the shared revocation store). Allowed during maintenance: ending a session must always work.";

    public void Map(IEndpointRouteBuilder app)
    {
        var sessions = app.MapGroup("/api/v1/auth/sessions").WithTags("Sessions").RequireAuthorization();

        sessions.MapGet("", async (int? page, int? limit, IMediator mediator, CancellationToken ct) =>
                ApiResults.Page(await mediator.Send(new ListSessionsQuery(PageRequest.From(page, limit)), ct)))
            .WithName("ListSessions")
            .WithSummary("The caller's signed-in sessions, most recently used first")
            .WithDescription("Sessions that can still be used: not revoked, not expired. device is a short name from the user agent (\"Firefox on Linux\"); last_used_at is when the session last refreshed its tokens (at most every 15 minutes while in use); expires_at is when it ends if left unused; current marks the session of the access token making this request.")
            .ProducesErrors(400, 401, 429);

        sessions.MapDelete("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
                ApiResults.Ok(await mediator.Send(new RevokeSessionCommand(id), ct), "Session signed out."))
            .WithName("RevokeSession")
            .WithSummary("Sign one of the caller's sessions out")
            .WithDescription("The current session may be revoked too (a logout). Revoking an already revoked session answers revoked 0. Another user's session, or an unknown id: 404. " + TakesEffectAtOnce)
            .ProducesErrors(401, 404, 429)
            .AllowedDuringMaintenance();

        sessions.MapDelete("", async (IMediator mediator, CancellationToken ct) =>
                ApiResults.Ok(await mediator.Send(new RevokeOtherSessionsCommand(), ct), "Signed out everywhere else."))
            .WithName("RevokeOtherSessions")
            .WithSummary("Sign out every session except the current one")
            .WithDescription("revoked is how many sessions this call ended. " + TakesEffectAtOnce)
            .ProducesErrors(401, 429)
            .AllowedDuringMaintenance();
    }
}
