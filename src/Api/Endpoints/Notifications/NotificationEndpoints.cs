using MediatR;
using Veza.Api.Http;
using Veza.Application.Common.Models;
using Veza.Application.Notifications.Commands;
using Veza.Application.Notifications.Queries;

namespace Veza.Api.Endpoints.Notifications;

/// <summary>Notifications kept for the user (issue 11): the same ones the hub pushes live as notification events.</summary>
public sealed class NotificationEndpoints : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var notifications = app.MapGroup("/api/v1/notifications").WithTags("Notifications").RequireAuthorization();

        notifications.MapGet("", async (bool? unread, int? page, int? limit, IMediator mediator, CancellationToken ct) =>
                ApiResults.Page(await mediator.Send(new ListNotificationsQuery(unread ?? false, PageRequest.From(page, limit)), ct)))
            .WithName("ListNotifications")
            .WithSummary("The caller's notifications, newest first")
            .WithDescription("Each: id, kind (mention, track_processed, and what later features add), payload (what the kind carries: a mention has room_id, room_name, message_id, author, excerpt), created_at, read_at. unread=true for unread ones only. A kind the user turned off in preferences (notifications.{kind}.in_app) is neither stored nor pushed. Paged.")
            .ProducesErrors(400, 401, 429);

        notifications.MapGet("/unread-count", async (IMediator mediator, CancellationToken ct) => ApiResults.Ok(await mediator.Send(new GetUnreadNotificationCountQuery(), ct)))
            .WithName("GetUnreadNotificationCount")
            .WithSummary("How many notifications the caller has not read")
            .ProducesErrors(401, 429);

        notifications.MapPost("/{id:guid}/read", async (Guid id, IMediator mediator, CancellationToken ct) => ApiResults.Ok(await mediator.Send(new MarkNotificationReadCommand(id), ct)))
            .WithName("MarkNotificationRead")
            .WithSummary("Mark one notification read")
            .WithDescription("Answers the unread count left. Again is harmless; someone else's or unknown: 404.")
            .ProducesErrors(401, 404, 429);

        notifications.MapPost("/read-all", async (IMediator mediator, CancellationToken ct) => ApiResults.Ok(await mediator.Send(new MarkAllNotificationsReadCommand(), ct)))
            .WithName("MarkAllNotificationsRead")
            .WithSummary("Mark every notification read")
            .ProducesErrors(401, 429);
    }
}
