using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;
using Veza.Domain.Ports;

namespace Veza.Application.Notifications.Commands;

/// <summary>Marks one of the caller's notifications read (again is harmless); someone else's or none: 404.</summary>
[Authorize]
public sealed record MarkNotificationReadCommand(Guid NotificationId) : ICommand<UnreadNotificationsDto>;

public sealed class MarkNotificationReadCommandHandler(INotificationStore store, ICurrentUser caller, IClock clock) : IRequestHandler<MarkNotificationReadCommand, UnreadNotificationsDto>
{
    public async Task<UnreadNotificationsDto> Handle(MarkNotificationReadCommand request, CancellationToken cancellationToken)
    {
        var userId = caller.UserId!.Value;
        return await store.MarkReadAsync(userId, request.NotificationId, clock.UtcNow, cancellationToken)
            ? new UnreadNotificationsDto(await store.UnreadCountAsync(userId, cancellationToken))
            : throw new NotFoundException("No such notification.");
    }
}

/// <summary>Marks every notification of the caller read.</summary>
[Authorize]
public sealed record MarkAllNotificationsReadCommand : ICommand<UnreadNotificationsDto>;

public sealed class MarkAllNotificationsReadCommandHandler(INotificationStore store, ICurrentUser caller, IClock clock) : IRequestHandler<MarkAllNotificationsReadCommand, UnreadNotificationsDto>
{
    public async Task<UnreadNotificationsDto> Handle(MarkAllNotificationsReadCommand request, CancellationToken cancellationToken)
    {
        await store.MarkAllReadAsync(caller.UserId!.Value, clock.UtcNow, cancellationToken);
        return new UnreadNotificationsDto(0);
    }
}
