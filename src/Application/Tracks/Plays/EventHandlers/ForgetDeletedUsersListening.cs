using MediatR;
using Veza.Application.Common.Messaging;
using Veza.Domain.Plays;
using Veza.Domain.Users;

namespace Veza.Application.Tracks.Plays.EventHandlers;

/// <summary>A deleted account's listening history goes with it, in the deletion's own transaction; its plays still count.</summary>
public sealed class ForgetDeletedUsersListening(IPlayLog log) : INotificationHandler<DomainEventNotification<UserDeleted>>
{
    public Task Handle(DomainEventNotification<UserDeleted> notification, CancellationToken cancellationToken) =>
        log.ForgetListenerAsync(notification.DomainEvent.UserId, cancellationToken);
}
