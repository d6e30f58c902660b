using MediatR;
using Veza.Api.Http;
using Veza.Application.Users.Commands.UnlinkIdentity;
using Veza.Application.Users.Queries.ListMyIdentities;

namespace Veza.Api.Endpoints.Users;

/// <summary>The caller's linked provider accounts (Google, GitHub, Discord).</summary>
public sealed class IdentityEndpoints : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var identities = app.MapGroup("/api/v1/users/me/identities").WithTags("Users").RequireAuthorization();

        identities.MapGet("", async (IMediator mediator, CancellationToken ct) =>
                ApiResults.Ok(await mediator.Send(new ListMyIdentitiesQuery(), ct)))
            .WithName("ListMyIdentities")
            .WithSummary("The provider accounts the caller can sign in with")
            .WithDescription("One entry per linked provider: provider (google, github, discord), the email the provider gave, and when it was linked. Links are made by signing in with the provider (POST /auth/oauth/{provider}/start).")
            .ProducesErrors(401, 429);

        identities.MapDelete("/{provider}", async (string provider, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new UnlinkIdentityCommand(provider), ct);
                return ApiResults.Ok(new IdentityUnlinkedDto(true), "Unlinked.");
            })
            .WithName("UnlinkMyIdentity")
            .WithSummary("Stop signing in with a provider")
            .WithDescription("No such link: 404. Refused with 422 INVALID_STATE when it is the account's last way to sign in (no password and no other linked provider): set a password first (forgot password) or link another provider.")
            .ProducesErrors(401, 404, 422, 429);
    }
}

public sealed record IdentityUnlinkedDto(bool Unlinked);
