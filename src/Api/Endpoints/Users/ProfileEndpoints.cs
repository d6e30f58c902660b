using System.Text.Json;
using MediatR;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Veza.Api.Http;
using Veza.Application.Common.Models;
using Veza.Application.Users.Commands.DeleteAccount;
using Veza.Application.Users.Commands.UpdatePreferences;
using Veza.Application.Users.Commands.UpdateProfile;
using Veza.Application.Users.Queries.GetMyPreferences;
using Veza.Application.Users.Queries.GetMyStats;
using Veza.Application.Users.Queries.GetUserProfile;
using Veza.Application.Users.Queries.ListUsers;
using Veza.Application.Users.Queries.ListUsersExceptMe;
using Veza.Application.Users.Queries.SearchUsers;

namespace Veza.Api.Endpoints.Users;

/// <summary>Discovery, profiles, preferences and account deletion (issue 7). Every route needs a signed-in caller.</summary>
public sealed class ProfileEndpoints : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/v1/users").WithTags("Users").RequireAuthorization();

        users.MapGet("/", async (string? search, int? page, int? limit, IMediator mediator, CancellationToken ct) =>
                ApiResults.Page(await mediator.Send(new ListUsersQuery(search, PageRequest.From(page, limit)), ct)))
            .WithName("ListUsers")
            .WithSummary("The user directory, by username")
            .WithDescription("`search` (at most 100 characters) finds the text anywhere in the username or display name, case-insensitively; admins also match emails. Deleted accounts are not listed. Items show id, username, display_name and avatar_url only.")
            .ProducesErrors(400, 401, 429);

        users.MapGet("/search", async (string? q, int? limit, IMediator mediator, CancellationToken ct) =>
                ApiResults.Ok(await mediator.Send(new SearchUsersQuery(q ?? string.Empty, limit ?? SearchUsersQuery.DefaultLimit), ct)))
            .WithName("SearchUsers")
            .WithSummary("Quick user search, ranked")
            .WithDescription("Exact username or display name first, then those starting with `q`, then those containing it (from 3 characters; shorter terms match prefixes only); ties by username. `limit` 1-50, default 10. Case-insensitive.")
            .ProducesErrors(400, 401, 429);

        users.MapGet("/except-me", async (int? page, int? limit, IMediator mediator, CancellationToken ct) =>
                ApiResults.Page(await mediator.Send(new ListUsersExceptMeQuery(PageRequest.From(page, limit)), ct)))
            .WithName("ListUsersExceptMe")
            .WithSummary("The user directory without the caller")
            .ProducesErrors(400, 401, 429);

        users.MapGet("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
                ApiResults.Ok(await mediator.Send(new GetUserProfileQuery(id), ct)))
            .WithName("GetUserProfile")
            .WithSummary("A user's public profile")
            .WithDescription("The user and admins see everything, email included. Others see no email; and when the profile is private (preferences.privacy.profile), the account is deleted (display name \"Deleted user\"), or the user blocks the caller, they see only id, username, display_name and avatar_url (`restricted: true`, the other fields null). `is_following` and `is_blocking` describe the caller's relation to the user.")
            .ProducesErrors(401, 404, 429);

        users.MapPut("/me", async (JsonElement body, IOptions<JsonOptions> json, IMediator mediator, CancellationToken ct) =>
                ApiResults.Ok(await mediator.Send(StrictJson.Read<UpdateProfileCommand>(body, json.Value.SerializerOptions), ct), "Profile updated."))
            .Accepts<UpdateProfileCommand>("application/json")
            .WithName("UpdateMyProfile")
            .WithSummary("Change the caller's profile")
            .WithDescription("Only first_name, last_name, display_name (each at most 50 characters), bio (at most 500, may span lines), location (at most 100) and links (at most 5 absolute http/https URLs; replaces the list). A field left out or null stays as it is; an empty string clears it. A body with any other field (role, email, status, plan, username, counters...) is refused whole with 400 naming the field, and nothing changes.")
            .ProducesErrors(400, 401, 404, 413, 415, 429);

        users.MapDelete("/me", async ([FromBody] DeleteAccountCommand command, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(command, ct);
                return ApiResults.Ok(new AccountDeletedDto(true), "Account deleted.");
            })
            .WithName("DeleteMyAccount")
            .WithSummary("Delete the caller's account")
            .WithDescription("Body {password}. A wrong password is 400 on field password and counts as a failed login (429 after too many). Then every session is revoked (tokens stop working at once), the profile is anonymised (display name \"Deleted user\"), the email is freed, follows and blocks are removed; the username stays reserved and can never sign in again.")
            .ProducesErrors(400, 401, 404, 413, 415, 429);

        users.MapGet("/me/stats", async (IMediator mediator, CancellationToken ct) => ApiResults.Ok(await mediator.Send(new GetMyStatsQuery(), ct)))
            .WithName("GetMyStats")
            .WithSummary("The caller's counters")
            .WithDescription("followers and following; tracks (every track of theirs, in any state); plays_received and likes_received over those tracks (a play: 30 s or half a shorter track heard by one listener, once per 30 minutes).")
            .ProducesErrors(401, 429);

        users.MapGet("/me/preferences", async (IMediator mediator, CancellationToken ct) => ApiResults.Ok(await mediator.Send(new GetMyPreferencesQuery(), ct)))
            .WithName("GetMyPreferences")
            .WithSummary("The caller's preferences (defaults when never set)")
            .ProducesErrors(401, 429);

        users.MapPut("/me/preferences", async (JsonElement body, IOptions<JsonOptions> json, IMediator mediator, CancellationToken ct) =>
                ApiResults.Ok(await mediator.Send(StrictJson.Read<UpdatePreferencesCommand>(body, json.Value.SerializerOptions, refuseNulls: true), ct), "Preferences saved."))
            .Accepts<UpdatePreferencesCommand>("application/json")
            .WithName("UpdateMyPreferences")
            .WithSummary("Change some of the caller's preferences")
            .WithDescription("Fields present are changed, the others kept; returns the whole set. notifications: {kind: {in_app, email}} for the kinds follows, messages, mentions, reports, system (more as features arrive); privacy: {profile: public|private, show_online_status, direct_messages: everyone|following|nobody}; audio: {stream_quality: normal|high, autoplay}. Unknown keys at any depth, unknown kinds, unknown values and null anywhere (leave a field out to keep it) are refused with 400 naming the field.")
            .ProducesErrors(400, 401, 413, 415, 429);
    }

}

public sealed record AccountDeletedDto(bool Deleted);
