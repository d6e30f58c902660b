using Veza.Application.Common.Messaging;
using Veza.Domain.Ports;
using Veza.Domain.Tracks;

namespace Veza.Application.Tracks.EventHandlers;

/// <summary>Tells the owner, live, that their track is ready or failed (after the outcome committed).</summary>
[ConsumerName("tracks.notify_owner_processed")]
public sealed class NotifyOwnerOfProcessedTrack(IRealtimeNotifier notifier) : IIntegrationEventConsumer<TrackProcessed>
{
    public const string NotificationType = "track_processed";

    public Task Handle(TrackProcessed integrationEvent, CancellationToken cancellationToken)
    {
        var failure = TrackNames.TryParseFailure(integrationEvent.Failure, out var parsed) ? TrackFailureDto.From(parsed) : null;
        return notifier.NotifyUserAsync(
            integrationEvent.OwnerId, NotificationType, new TrackProcessedNotification(integrationEvent.TrackId, integrationEvent.Status, failure), cancellationToken);
    }
}

/// <summary>The payload of a <c>track_processed</c> notification.</summary>
public sealed record TrackProcessedNotification(Guid TrackId, string Status, TrackFailureDto? Failure);
