using MediatR;
using Veza.Api.Http;
using Veza.Application.Users;
using Veza.Application.Users.Commands.ChangePassword;
using Veza.Application.Users.Queries.GetCurrentUser;

namespace Veza.Api.Endpoints.Users;

public sealed class UserEndpoints : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/v1/users").WithTags("Users").RequireAuthorization();

        users.MapGet("/me", GetMyProfileAsync)
            .WithName("GetMyProfile")
            .WithSummary("The caller's profile")
            .ProducesErrors(401, 404, 429);

        users.MapPut("/me/password", async (ChangePasswordCommand command, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(command, ct);
                return ApiResults.Ok(new PasswordChangedDto(true), "Password changed. Other sessions were signed out.");
            })
            .WithName("ChangeMyPassword")
            .WithSummary("Change the caller's password")
            .WithDescription("Requires the current password (a wrong one counts as a failed login). Every other session of the user is revoked; the calling session stays signed in.")
            .ProducesErrors(400, 401, 404, 409, 413, 415, 429);
    }

    /// <summary>Served at /users/me and, for clients of the auth module, /auth/me.</summary>
    internal static async Task<ApiResult<UserDto>> GetMyProfileAsync(IMediator mediator, CancellationToken ct) =>
        ApiResults.Ok(await mediator.Send(new GetCurrentUserQuery(), ct));
}

public sealed record PasswordChangedDto(bool PasswordChanged);
