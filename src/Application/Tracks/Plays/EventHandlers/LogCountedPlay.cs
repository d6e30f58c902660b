using MediatR;
using Veza.Application.Common.Messaging;
using Veza.Domain.Plays;

namespace Veza.Application.Tracks.Plays.EventHandlers;

/// <summary>A play that counted goes into the log (history, daily figures) and the track's counter, in the same transaction as the progress that counted it.</summary>
public sealed class LogCountedPlay(IPlayLog log) : INotificationHandler<DomainEventNotification<PlayCounted>>
{
    public Task Handle(DomainEventNotification<PlayCounted> notification, CancellationToken cancellationToken)
    {
        var play = notification.DomainEvent;
        return log.AddAsync(play.TrackId, play.UserId, PlaySource.Stream, 1, play.OccurredAt, cancellationToken);
    }
}
