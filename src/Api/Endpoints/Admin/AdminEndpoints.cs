using System.Text.Json;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;
using Veza.Api.Http;
using Veza.Application.Admin.Commands.UpdateSettings;
using Veza.Application.Admin.Commands.UpdateUser;
using Veza.Application.Admin.Queries.GetAnalytics;
using Veza.Application.Admin.Queries.GetDashboard;
using Veza.Application.Admin.Queries.GetSettings;
using Veza.Application.Admin.Queries.GetUser;
using Veza.Application.Admin.Queries.ListAudit;
using Veza.Application.Admin.Queries.ListUsers;
using Veza.Application.Common.Models;

namespace Veza.Api.Endpoints.Admin;

/// <summary>
/// Administration. Moderators read the dashboard, users and audit trail (and work on reports, see
/// ReportEndpoints); admins and super admins get everything. Roles are checked on the requests (403).
/// </summary>
public sealed class AdminEndpoints : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/v1/admin").WithTags("Admin").RequireAuthorization();

        admin.MapGet("/dashboard", async (IMediator mediator, CancellationToken ct) => ApiResults.Ok(await mediator.Send(new GetDashboardQuery(), ct)))
            .WithName("GetAdminDashboard")
            .WithSummary("Counts for the admin home (moderators and admins)")
            .WithDescription("users_count (not deleted), new_users_today (since 00:00 UTC), active_sessions (not revoked, not past their absolute end), open_reports, tracks_count (every track, any state), storage_bytes (bytes stored for tracks: originals, variants, HLS, waveforms, artwork; what quotas count) and processing_failures (tracks whose processing failed).")
            .ProducesErrors(401, 403, 429);

        admin.MapGet("/users", async (
                IMediator mediator,
                CancellationToken ct,
                [FromQuery] int? page,
                [FromQuery] int? limit,
                [FromQuery] string? role,
                [FromQuery] string? status,
                [FromQuery] string? search,
                [FromQuery] string? sort) =>
                ApiResults.Page(await mediator.Send(new ListUsersQuery(PageRequest.From(page, limit), role, status, search, sort), ct)))
            .WithName("AdminListUsers")
            .WithSummary("Users with email, role, status and plan (moderators and admins)")
            .WithDescription("Filters: role, status (active, suspended, banned, deleted; a suspension past its end counts as active), search (contains, case-insensitive, over username, email and display name). sort: created_at, username or last_login_at, with a leading - for descending (default -created_at). Paged.")
            .ProducesErrors(400, 401, 403, 429);

        admin.MapGet("/users/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) => ApiResults.Ok(await mediator.Send(new GetUserQuery(id), ct)))
            .WithName("AdminGetUser")
            .WithSummary("One user with active session count and recent_audit (moderators and admins)")
            .WithDescription("recent_audit: the latest 20 audit events where the user acted or was acted upon, newest first.")
            .ProducesErrors(401, 403, 404, 429);

        admin.MapPut("/users/{id:guid}", async (Guid id, JsonElement json, IOptions<JsonOptions> options, IMediator mediator, CancellationToken ct) =>
            {
                var body = StrictJson.Read<UpdateUserBody>(json, options.Value.SerializerOptions);
                return ApiResults.Ok(await mediator.Send(new UpdateUserCommand(id, body.Role, body.Status, body.Reason, body.Until, body.Plan), ct), "User updated.");
            })
            .Accepts<UpdateUserBody>("application/json")
            .WithName("AdminUpdateUser")
            .WithSummary("Change a user's role, status or plan (admins)")
            .WithDescription("Fields given are changed, others left. role: user, moderator, admin, super_admin. status: active, suspended (reason required; until optional, must be in the future, else 422; the suspension ends by itself then), banned (reason required). plan: free, pro. Rules (403 otherwise): an admin changes role and status only of moderators and users and grants at most moderator; only a super admin grants or removes admin and super_admin, and acts on anyone. No change may leave no active super admin (422). Suspending or banning signs the user out everywhere at once: refresh tokens are revoked and access tokens answer 401 on their next request; sign-in then answers 403 ACCOUNT_SUSPENDED (with until) or ACCOUNT_BANNED. Lowering a role also ends the user's sessions. Every change is in the audit trail with target user:{id}.")
            .ProducesErrors(400, 401, 403, 404, 409, 413, 415, 422, 429, 503);

        admin.MapGet("/audit", async (
                IMediator mediator,
                CancellationToken ct,
                [FromQuery] int? page,
                [FromQuery] int? limit,
                [FromQuery] Guid? actor,
                [FromQuery] string? action,
                [FromQuery] string? target,
                [FromQuery] DateTimeOffset? from,
                [FromQuery] DateTimeOffset? to) =>
                ApiResults.Page(await mediator.Send(new ListAuditQuery(PageRequest.From(page, limit), actor, action, target, from, to), ct)))
            .WithName("AdminListAudit")
            .WithSummary("The audit trail, newest first (moderators and admins)")
            .WithDescription("Filters: actor (user id), action (such as auth.login, admin.user_status_change, reports.resolve, admin.settings_change), target (user:{id}, report:{id}, settings), from (inclusive) and to (exclusive), ISO 8601. Paged.")
            .ProducesErrors(400, 401, 403, 429);

        admin.MapGet("/analytics", async (IMediator mediator, CancellationToken ct, [FromQuery] int? days) =>
                ApiResults.Ok(await mediator.Send(new GetAnalyticsQuery(days ?? GetAnalyticsQuery.DefaultDays), ct)))
            .WithName("AdminAnalytics")
            .WithSummary("Signups, logins and active users per day (admins)")
            .WithDescription("days: 1-365 (default 30), ending today (UTC). Every day is present, zero when nothing happened. logins: successful sign-ins; active_users: distinct users with a successful action in the audit trail that day.")
            .ProducesErrors(400, 401, 403, 429);

        admin.MapGet("/settings", async (IMediator mediator, CancellationToken ct) => ApiResults.Ok(await mediator.Send(new GetSettingsQuery(), ct)))
            .WithName("GetRuntimeSettings")
            .WithSummary("Runtime settings (admins)")
            .ProducesErrors(401, 403, 429);

        admin.MapPut("/settings", async (JsonElement json, IOptions<JsonOptions> options, IMediator mediator, CancellationToken ct) =>
                ApiResults.Ok(await mediator.Send(StrictJson.Read<UpdateSettingsCommand>(json, options.Value.SerializerOptions), ct), "Settings saved."))
            .Accepts<UpdateSettingsCommand>("application/json")
            .WithName("UpdateRuntimeSettings")
            .WithSummary("Change runtime settings (admins)")
            .WithDescription("Fields given are changed, others left; in force on every node from the next request. registration_open: false makes POST /auth/register answer 403. upload_quota_bytes {free, pro}: total upload storage per plan (defaults 1 GiB and 50 GiB). max_upload_bytes: largest single upload (default 200 MiB). maintenance_mode: while true every POST, PUT, PATCH and DELETE answers 503 SERVICE_UNAVAILABLE with Retry-After and reads keep working; sign-in, token refresh and this endpoint stay usable so an admin can turn it off. require_verified_email: while true, uploading, posting and selling answer 403 EMAIL_NOT_VERIFIED until the account's address is verified (default false). require_mfa_for_admins: while true, admins and super admins without two-factor authentication on get 403 MFA_REQUIRED on every admin and moderation route until they enrol at POST /auth/2fa/setup (sign-in, /auth/2fa and their own account keep working; default false). Audited with target settings.")
            .ProducesErrors(400, 401, 403, 413, 415, 429)
            .AllowedDuringMaintenance();
    }
}

/// <summary>The body of PUT /admin/users/{id}.</summary>
public sealed record UpdateUserBody(string? Role = null, string? Status = null, string? Reason = null, DateTimeOffset? Until = null, string? Plan = null);
