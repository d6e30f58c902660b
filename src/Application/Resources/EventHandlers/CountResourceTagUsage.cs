using MediatR;
using Veza.Application.Common.Messaging;
using Veza.Domain.Ports;
using Veza.Domain.Resources;
using Veza.Domain.Tracks;

namespace Veza.Application.Resources.EventHandlers;

/// <summary>Keeps tag usage counts right for shared resources, in the transaction of the change.</summary>
public sealed class CountResourceTagUsage(ITagCounter tags, IClock clock)
    : INotificationHandler<DomainEventNotification<SharedResourceCreated>>,
      INotificationHandler<DomainEventNotification<SharedResourceTagsChanged>>,
      INotificationHandler<DomainEventNotification<SharedResourceDeleted>>
{
    public Task Handle(DomainEventNotification<SharedResourceCreated> notification, CancellationToken cancellationToken) =>
        Adjust(notification.DomainEvent.Tags, [], cancellationToken);

    public Task Handle(DomainEventNotification<SharedResourceTagsChanged> notification, CancellationToken cancellationToken) =>
        Adjust(notification.DomainEvent.Added, notification.DomainEvent.Removed, cancellationToken);

    public Task Handle(DomainEventNotification<SharedResourceDeleted> notification, CancellationToken cancellationToken) =>
        Adjust([], notification.DomainEvent.Tags, cancellationToken);

    private Task Adjust(IReadOnlyCollection<string> added, IReadOnlyCollection<string> removed, CancellationToken cancellationToken) =>
        added.Count > 0 || removed.Count > 0 ? tags.AdjustAsync(TaggedKind.Resource, added, removed, clock.UtcNow, cancellationToken) : Task.CompletedTask;
}
