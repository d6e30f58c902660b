using MediatR;
using Veza.Api.Endpoints.Users;
using Veza.Api.Http;
using Veza.Application.Common.Models;
using Veza.Application.Social.Commands.BlockUser;
using Veza.Application.Social.Commands.FollowUser;
using Veza.Application.Social.Commands.UnblockUser;
using Veza.Application.Social.Commands.UnfollowUser;
using Veza.Application.Social.Queries.ListFollowers;
using Veza.Application.Social.Queries.ListFollowing;
using Veza.Application.Social.Queries.ListMyBlocks;

namespace Veza.Api.Endpoints.Social;

/// <summary>Follows and blocks between users (issue 7).</summary>
public sealed class SocialEndpoints : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/v1/users").WithTags("Follows and blocks").RequireAuthorization();

        users.MapPost("/{id:guid}/follow", async (Guid id, IMediator mediator, CancellationToken ct) =>
                ApiResults.Ok(await mediator.Send(new FollowUserCommand(id), ct), "Following."))
            .WithName("FollowUser")
            .WithSummary("Follow a user")
            .WithDescription("Idempotent: following again changes nothing. Yourself: 422 INVALID_STATE. Unknown or deleted user: 404. When either of you blocks the other: 403 FORBIDDEN.")
            .ProducesErrors(401, 403, 404, 422, 429);

        users.MapDelete("/{id:guid}/follow", async (Guid id, IMediator mediator, CancellationToken ct) =>
                ApiResults.Ok(await mediator.Send(new UnfollowUserCommand(id), ct), "Not following."))
            .WithName("UnfollowUser")
            .WithSummary("Stop following a user")
            .WithDescription("Idempotent: not following already changes nothing. Unknown or deleted user: 404.")
            .ProducesErrors(401, 404, 429);

        users.MapGet("/{id:guid}/followers", async (Guid id, int? page, int? limit, IMediator mediator, CancellationToken ct) =>
                ApiResults.Page(await mediator.Send(new ListFollowersQuery(id, PageRequest.From(page, limit)), ct)))
            .WithName("ListFollowers")
            .WithSummary("Who follows the user, newest first")
            .ProducesErrors(400, 401, 404, 429);

        users.MapGet("/{id:guid}/following", async (Guid id, int? page, int? limit, IMediator mediator, CancellationToken ct) =>
                ApiResults.Page(await mediator.Send(new ListFollowingQuery(id, PageRequest.From(page, limit)), ct)))
            .WithName("ListFollowing")
            .WithSummary("Whom the user follows, newest first")
            .ProducesErrors(400, 401, 404, 429);

        users.MapPost("/{id:guid}/block", async (Guid id, IMediator mediator, CancellationToken ct) =>
                ApiResults.Ok(await mediator.Send(new BlockUserCommand(id), ct), "Blocked."))
            .WithName("BlockUser")
            .WithSummary("Block a user")
            .WithDescription("Idempotent. Removes the follows between you both ways; while the block stands neither of you can follow the other (403), the blocked user sees your profile restricted, and (with chat) cannot message you. Yourself: 422 INVALID_STATE. Unknown or deleted user: 404.")
            .ProducesErrors(401, 404, 422, 429);

        users.MapDelete("/{id:guid}/block", async (Guid id, IMediator mediator, CancellationToken ct) =>
                ApiResults.Ok(await mediator.Send(new UnblockUserCommand(id), ct), "Unblocked."))
            .WithName("UnblockUser")
            .WithSummary("Lift a block")
            .WithDescription("Idempotent. Follows removed by the block do not come back. Unknown or deleted user: 404.")
            .ProducesErrors(401, 404, 429);

        users.MapGet("/me/blocks", async (int? page, int? limit, IMediator mediator, CancellationToken ct) =>
                ApiResults.Page(await mediator.Send(new ListMyBlocksQuery(PageRequest.From(page, limit)), ct)))
            .WithName("ListMyBlocks")
            .WithSummary("The users the caller blocks, newest first")
            .ProducesErrors(400, 401, 429);
    }
}
