using Veza.Application.Common.Messaging;
using Veza.Application.Notifications;
using Veza.Domain.Ports;
using Veza.Domain.Tracks;

namespace Veza.Application.Tracks.EventHandlers;

/// <summary>
/// Tells the owner that their track is ready or failed (after the outcome committed): a live
/// <c>track_processed</c> event for the upload page that waits on it, and a stored notification (pushed as
/// <c>notification</c> when the owner keeps system notifications on) for an owner who was away.
/// </summary>
[ConsumerName("tracks.notify_owner_processed")]
public sealed class NotifyOwnerOfProcessedTrack(IRealtimeNotifier notifier, IUserNotifier notifications) : IIntegrationEventConsumer<TrackProcessed>
{
    public const string NotificationType = "track_processed";

    public async Task Handle(TrackProcessed integrationEvent, CancellationToken cancellationToken)
    {
        var failure = TrackNames.TryParseFailure(integrationEvent.Failure, out var parsed) ? TrackFailureDto.From(parsed) : null;
        var payload = new TrackProcessedNotification(integrationEvent.TrackId, integrationEvent.Status, failure);
        await notifier.NotifyUserAsync(integrationEvent.OwnerId, NotificationType, payload, cancellationToken);
        await notifications.NotifyAsync(integrationEvent.OwnerId, NotificationType, payload, cancellationToken);
    }
}

/// <summary>The payload of a <c>track_processed</c> notification.</summary>
public sealed record TrackProcessedNotification(Guid TrackId, string Status, TrackFailureDto? Failure);
