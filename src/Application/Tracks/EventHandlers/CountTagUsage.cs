using MediatR;
using Veza.Application.Common.Messaging;
using Veza.Domain.Ports;
using Veza.Domain.Tracks;

namespace Veza.Application.Tracks.EventHandlers;

/// <summary>Keeps each tag's usage count right, in the transaction of the upload, edit or delete that changed it.</summary>
public sealed class CountTagUsage(ITagCounter tags, IClock clock)
    : INotificationHandler<DomainEventNotification<TrackUploaded>>,
      INotificationHandler<DomainEventNotification<TrackTagsChanged>>,
      INotificationHandler<DomainEventNotification<TrackDeleted>>
{
    public Task Handle(DomainEventNotification<TrackUploaded> notification, CancellationToken cancellationToken) =>
        tags.AdjustAsync(notification.DomainEvent.Tags, [], clock.UtcNow, cancellationToken);

    public Task Handle(DomainEventNotification<TrackTagsChanged> notification, CancellationToken cancellationToken)
    {
        var change = notification.DomainEvent;
        return tags.AdjustAsync(change.After.Except(change.Before).ToList(), change.Before.Except(change.After).ToList(), clock.UtcNow, cancellationToken);
    }

    public Task Handle(DomainEventNotification<TrackDeleted> notification, CancellationToken cancellationToken) =>
        tags.AdjustAsync([], notification.DomainEvent.Tags, clock.UtcNow, cancellationToken);
}
