using MediatR;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Models;
using Veza.Application.Common.Security;
using Veza.Domain.Ports;

namespace Veza.Application.Notifications.Queries;

/// <summary>The caller's notifications, newest first; only unread ones with <paramref name="UnreadOnly"/>.</summary>
[Authorize]
public sealed record ListNotificationsQuery(bool UnreadOnly, PageRequest Paging) : IQuery<PagedResult<NotificationDto>>, IPagedQuery;

public sealed class ListNotificationsQueryHandler(INotificationStore store, ICurrentUser caller) : IRequestHandler<ListNotificationsQuery, PagedResult<NotificationDto>>
{
    public Task<PagedResult<NotificationDto>> Handle(ListNotificationsQuery request, CancellationToken cancellationToken) =>
        store.ListAsync(caller.UserId!.Value, request.UnreadOnly, request.Paging, cancellationToken);
}

[Authorize]
public sealed record GetUnreadNotificationCountQuery : IQuery<UnreadNotificationsDto>;

public sealed class GetUnreadNotificationCountQueryHandler(INotificationStore store, ICurrentUser caller) : IRequestHandler<GetUnreadNotificationCountQuery, UnreadNotificationsDto>
{
    public async Task<UnreadNotificationsDto> Handle(GetUnreadNotificationCountQuery request, CancellationToken cancellationToken) =>
        new(await store.UnreadCountAsync(caller.UserId!.Value, cancellationToken));
}
