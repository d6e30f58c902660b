using MediatR;
using Microsoft.AspNetCore.Mvc;
using Veza.Api.Http;
using Veza.Application.Common.Models;
using Veza.Application.Reports.Commands.FileReport;
using Veza.Application.Reports.Commands.ResolveReport;
using Veza.Application.Reports.Queries.GetReport;
using Veza.Application.Reports.Queries.ListReports;

namespace Veza.Api.Endpoints.Reports;

/// <summary>Filing reports (any signed-in user) and working through them (moderators and admins).</summary>
public sealed class ReportEndpoints : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/api/v1/reports").WithTags("Reports").RequireAuthorization();
        reports.MapPost("", async (FileReportCommand command, IMediator mediator, CancellationToken ct) =>
            {
                var report = await mediator.Send(command, ct);
                return ApiResults.Created($"/api/v1/admin/reports/{report.Id}", report, "Report received. A moderator will look at it.");
            })
            .WithName("FileReport")
            .WithSummary("Report a user or a piece of content")
            .WithDescription("target_type: user (tracks, chat messages and listings join as they arrive; the 400 lists the known types). reason: spam, abuse, copyright, impersonation or other. details: optional, at most 2000 characters, several lines allowed. One open report per reporter and target (409 while one is open); reporting yourself or your own content is 422; an unknown target is 404.")
            .ProducesErrors(400, 401, 404, 409, 413, 415, 422, 429, 503);

        var admin = app.MapGroup("/api/v1/admin/reports").WithTags("Admin: reports").RequireAuthorization();
        admin.MapGet("", async (
                IMediator mediator,
                CancellationToken ct,
                [FromQuery] int? page,
                [FromQuery] int? limit,
                [FromQuery] string? status,
                [FromQuery(Name = "target_type")] string? targetType,
                [FromQuery] string? reason) =>
                ApiResults.Page(await mediator.Send(new ListReportsQuery(PageRequest.From(page, limit), status, targetType, reason), ct)))
            .WithName("ListReports")
            .WithSummary("Reports, newest first (moderators and admins)")
            .WithDescription("Filters: status (open, resolved, dismissed), target_type, reason. Paged (page from 1, limit 1-100, default 20).")
            .ProducesErrors(400, 401, 403, 429);

        admin.MapGet("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
                ApiResults.Ok(await mediator.Send(new GetReportQuery(id), ct)))
            .WithName("GetReport")
            .WithSummary("One report (moderators and admins)")
            .ProducesErrors(401, 403, 404, 429);

        admin.MapPost("/{id:guid}/resolve", async (Guid id, ResolveReportBody body, IMediator mediator, CancellationToken ct) =>
                ApiResults.Ok(await mediator.Send(new ResolveReportCommand(id, body.Action, body.Note, body.Until), ct), "Report closed."))
            .WithName("ResolveReport")
            .WithSummary("Close a report: dismiss, hide_content or suspend_user (moderators and admins)")
            .WithDescription("dismiss: nothing wrong (status dismissed). hide_content: the target hides itself (status resolved); a type with nothing to hide, such as a user, answers 422. suspend_user: the target's owner is suspended (until, optional, must be in the future, else 422; their sessions end at once), under the same rules as PUT /admin/users/{id}: a moderator may suspend only plain users (403 otherwise). A report already closed answers 409 CONFLICT, also when two moderators resolve it at the same moment.")
            .ProducesErrors(400, 401, 403, 404, 409, 413, 415, 422, 429, 503);
    }
}

/// <summary>The body of POST /admin/reports/{id}/resolve.</summary>
public sealed record ResolveReportBody(string Action, string? Note = null, DateTimeOffset? Until = null);
