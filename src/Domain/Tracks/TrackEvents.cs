using Veza.Domain.Common;

namespace Veza.Domain.Tracks;

public sealed record TrackUploaded(Guid TrackId, Guid OwnerId, long Bytes, IReadOnlyList<string> Tags, DateTimeOffset OccurredAt) : IIntegrationEvent
{
    public string EventType => "tracks.uploaded";
}

/// <summary>Processing ended: status ready or failed (with the failure's name).</summary>
public sealed record TrackProcessed(Guid TrackId, Guid OwnerId, string Status, string? Failure, DateTimeOffset OccurredAt) : IIntegrationEvent
{
    public string EventType => "tracks.processed";
}

public sealed record TrackReprocessRequested(Guid TrackId, Guid OwnerId, DateTimeOffset OccurredAt) : IDomainEvent;

/// <summary>Something of the track's row changed (details, visibility, processing, artwork, moderation): what was read of it is stale.</summary>
public sealed record TrackChanged(Guid TrackId, DateTimeOffset OccurredAt) : IDomainEvent;

public sealed record TrackTagsChanged(Guid TrackId, IReadOnlyList<string> Before, IReadOnlyList<string> After, DateTimeOffset OccurredAt) : IDomainEvent;

public sealed record TrackDeleted(Guid TrackId, Guid OwnerId, IReadOnlyList<string> Tags, DateTimeOffset OccurredAt) : IIntegrationEvent
{
    public string EventType => "tracks.deleted";
}
