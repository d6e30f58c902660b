using MediatR;
using Veza.Application.Common.Messaging;
using Veza.Domain.Playlists;
using Veza.Domain.Ports;
using Veza.Domain.Tracks;

namespace Veza.Application.Playlists.EventHandlers;

/// <summary>
/// A deleted track leaves every playlist holding it, in the delete's transaction, so the positions after
/// it close up and each playlist's track count stays right (the database's cascade alone would leave a gap).
/// </summary>
public sealed class RemoveDeletedTrackFromPlaylists(IPlaylistRepository playlists, IClock clock) : INotificationHandler<DomainEventNotification<TrackDeleted>>
{
    public async Task Handle(DomainEventNotification<TrackDeleted> notification, CancellationToken cancellationToken)
    {
        var trackId = notification.DomainEvent.TrackId;
        foreach (var playlist in await playlists.ListContainingAsync(trackId, cancellationToken))
        {
            playlist.RemoveTrack(trackId, clock.UtcNow);
        }
    }
}
