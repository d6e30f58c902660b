using Veza.Domain.Common;

namespace Veza.Domain.Playlists;

public sealed record PlaylistCreated(Guid PlaylistId, Guid OwnerId, DateTimeOffset OccurredAt) : IDomainEvent;

public sealed record PlaylistTrackAdded(Guid PlaylistId, Guid TrackId, int Position, DateTimeOffset OccurredAt) : IDomainEvent;

public sealed record PlaylistTrackRemoved(Guid PlaylistId, Guid TrackId, DateTimeOffset OccurredAt) : IDomainEvent;

public sealed record PlaylistReordered(Guid PlaylistId, DateTimeOffset OccurredAt) : IDomainEvent;

public sealed record PlaylistDeleted(Guid PlaylistId, Guid OwnerId, DateTimeOffset OccurredAt) : IDomainEvent;
