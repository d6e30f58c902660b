using MediatR;
using Veza.Api.Http;
using Veza.Application.Users;
using Veza.Application.Users.Commands.ChangePassword;
using Veza.Application.Users.Queries.GetCurrentUser;

namespace Veza.Api.Endpoints;

public static class UserEndpoints
{
    public static IEndpointRouteBuilder MapUserEndpoints(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/v1/users").WithTags("Users").RequireAuthorization();

        users.MapGet("/me", GetMyProfileAsync)
            .WithName("GetMyProfile")
            .WithSummary("The caller's profile")
            .Produces<ApiResponse<UserDto>>()
            .ProducesErrors(401, 404, 429);

        users.MapPut("/me/password", async (ChangePasswordCommand command, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                await mediator.Send(command, ct);
                return ApiResults.Ok(http, new PasswordChangedDto(true), "Password changed. Other sessions were signed out.");
            })
            .WithName("ChangeMyPassword")
            .WithSummary("Change the caller's password")
            .WithDescription("Requires the current password (a wrong one counts as a failed login). Every other session of the user is revoked; the calling session stays signed in.")
            .Produces<ApiResponse<PasswordChangedDto>>()
            .ProducesErrors(400, 401, 404, 409, 413, 415, 429);

        return app;
    }

    /// <summary>Served at /users/me and, for clients of the auth module, /auth/me.</summary>
    internal static async Task<IResult> GetMyProfileAsync(IMediator mediator, HttpContext http, CancellationToken ct) =>
        ApiResults.Ok(http, await mediator.Send(new GetCurrentUserQuery(), ct));
}

public sealed record PasswordChangedDto(bool PasswordChanged);
