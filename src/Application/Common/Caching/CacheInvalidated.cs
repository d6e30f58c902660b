using MediatR;
using Veza.Application.Common.Behaviours;
using Veza.Application.Common.Messaging;
using Veza.Domain.Chat;
using Veza.Domain.Common;
using Veza.Domain.Ports;
using Veza.Domain.Tracks;
using Veza.Domain.Users;

namespace Veza.Application.Common.Caching;

/// <summary>
/// Cached entries that a committed change made stale. Written to the outbox with the change, relayed after the
/// commit and heard by every node (<see cref="IEventBus.Subscribe"/>), each of which drops its copy.
/// </summary>
public sealed record CacheInvalidated(IReadOnlyList<string> Keys, DateTimeOffset OccurredAt) : IIntegrationEvent
{
    public const string Type = "cache.invalidated";

    public string EventType => Type;

    public static CacheInvalidated Profiles(DateTimeOffset now, params Guid[] userIds) => new([.. userIds.Select(CacheKeys.Profile)], now);

    public static CacheInvalidated Tracks(DateTimeOffset now, params Guid[] trackIds) => new([.. trackIds.Select(CacheKeys.Track)], now);
}

/// <summary>What a node does when it hears <see cref="CacheInvalidated"/>: drops the keys from its cache.</summary>
public sealed class CacheInvalidatedHandler(ICache cache)
{
    public Task HandleAsync(CacheInvalidated invalidated, CancellationToken cancellationToken) => cache.RemoveAsync(invalidated.Keys, cancellationToken);
}

/// <summary>
/// What a command calls when it changes something cached: the invalidation goes to the outbox with the change (every
/// node hears it after the commit), and this node drops the keys right after the commit too, so the caller reads its own write.
/// </summary>
public sealed class CacheInvalidation(ICache cache, IOutbox outbox, RollbackActions actions, IClock clock)
{
    /// <summary>
    /// Keys per outbox event: a tag on tens of thousands of tracks would otherwise make one message larger than the
    /// broker takes (NATS: 1 MB), and the relay would retry that head message for ever, holding every event behind it.
    /// </summary>
    public const int MaxKeysPerEvent = 500;

    public void Profiles(params Guid[] userIds) => Invalidate(CacheInvalidated.Profiles(clock.UtcNow, userIds));

    public void Tracks(params Guid[] trackIds) => Invalidate(CacheInvalidated.Tracks(clock.UtcNow, trackIds));

    public void PublicChatRooms() => Invalidate(new CacheInvalidated([CacheKeys.PublicChatRooms], clock.UtcNow));

    public void Invalidate(CacheInvalidated invalidated)
    {
        if (invalidated.Keys.Count == 0)
        {
            // No key, nothing to drop (a tag that no track carries): no event for the other nodes either.
            return;
        }

        foreach (var keys in invalidated.Keys.Chunk(MaxKeysPerEvent))
        {
            outbox.Enqueue(invalidated with { Keys = keys });
        }

        actions.AfterCommit(ct => cache.RemoveAsync(invalidated.Keys, ct));
    }
}

/// <summary>
/// The domain events after which a cached read is stale: a profile's card when its profile, status or account changes;
/// a track's row whenever the aggregate changes (every change raises <see cref="TrackChanged"/>: edits, visibility,
/// processing, artwork, moderation) and when it is deleted; the public room list when a room enters or leaves it.
/// </summary>
public sealed class InvalidateCacheOnChange(CacheInvalidation invalidation)
    : INotificationHandler<DomainEventNotification<ProfileUpdated>>,
      INotificationHandler<DomainEventNotification<UserStatusChanged>>,
      INotificationHandler<DomainEventNotification<UserDeleted>>,
      INotificationHandler<DomainEventNotification<TrackChanged>>,
      INotificationHandler<DomainEventNotification<TrackDeleted>>,
      INotificationHandler<DomainEventNotification<PublicChatRoomsChanged>>
{
    public Task Handle(DomainEventNotification<ProfileUpdated> notification, CancellationToken cancellationToken) =>
        Invalidated(() => invalidation.Profiles(notification.DomainEvent.UserId));

    public Task Handle(DomainEventNotification<UserStatusChanged> notification, CancellationToken cancellationToken) =>
        Invalidated(() => invalidation.Profiles(notification.DomainEvent.UserId));

    public Task Handle(DomainEventNotification<UserDeleted> notification, CancellationToken cancellationToken) =>
        Invalidated(() => invalidation.Profiles(notification.DomainEvent.UserId));

    public Task Handle(DomainEventNotification<TrackChanged> notification, CancellationToken cancellationToken) =>
        Invalidated(() => invalidation.Tracks(notification.DomainEvent.TrackId));

    public Task Handle(DomainEventNotification<TrackDeleted> notification, CancellationToken cancellationToken) =>
        Invalidated(() => invalidation.Tracks(notification.DomainEvent.TrackId));

    // The cached public list holds only which rooms are public and their order; names and the rest are read per request.
    public Task Handle(DomainEventNotification<PublicChatRoomsChanged> notification, CancellationToken cancellationToken) =>
        Invalidated(invalidation.PublicChatRooms);

    private static Task Invalidated(Action invalidate)
    {
        invalidate();
        return Task.CompletedTask;
    }
}
