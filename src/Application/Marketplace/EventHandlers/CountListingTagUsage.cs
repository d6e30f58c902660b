using MediatR;
using Veza.Application.Common.Messaging;
using Veza.Domain.Marketplace;
using Veza.Domain.Ports;
using Veza.Domain.Tracks;

namespace Veza.Application.Marketplace.EventHandlers;

/// <summary>Keeps tag usage counts right for listings, in the transaction of the create, edit or delete that changed their tags.</summary>
public sealed class CountListingTagUsage(ITagCounter tags, IClock clock)
    : INotificationHandler<DomainEventNotification<ListingCreated>>,
      INotificationHandler<DomainEventNotification<ListingTagsChanged>>,
      INotificationHandler<DomainEventNotification<ListingDeleted>>
{
    public Task Handle(DomainEventNotification<ListingCreated> notification, CancellationToken cancellationToken) =>
        notification.DomainEvent.Tags is { Count: > 0 } added
            ? tags.AdjustAsync(TaggedKind.Listing, added, [], clock.UtcNow, cancellationToken)
            : Task.CompletedTask;

    public Task Handle(DomainEventNotification<ListingTagsChanged> notification, CancellationToken cancellationToken)
    {
        var change = notification.DomainEvent;
        return tags.AdjustAsync(TaggedKind.Listing, change.After.Except(change.Before).ToList(), change.Before.Except(change.After).ToList(), clock.UtcNow, cancellationToken);
    }

    public Task Handle(DomainEventNotification<ListingDeleted> notification, CancellationToken cancellationToken) =>
        notification.DomainEvent.Tags is { Count: > 0 } removed
            ? tags.AdjustAsync(TaggedKind.Listing, [], removed, clock.UtcNow, cancellationToken)
            : Task.CompletedTask;
}
