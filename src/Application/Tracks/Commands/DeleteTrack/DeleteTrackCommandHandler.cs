using MediatR;
using Veza.Application.Common.Storage;
using Veza.Domain.Auditing;
using Veza.Domain.Ports;
using Veza.Domain.Tracks;

namespace Veza.Application.Tracks.Commands.DeleteTrack;

public sealed class DeleteTrackCommandHandler(ITrackRepository tracks, IJobScheduler jobs, IAuditTrail audit, IClock clock, ICurrentUser caller)
    : IRequestHandler<DeleteTrackCommand, TrackDeletedDto>
{
    public async Task<TrackDeletedDto> Handle(DeleteTrackCommand request, CancellationToken cancellationToken)
    {
        var track = await TrackAccess.OwnedOrAdministeredAsync(tracks, request.TrackId, caller, cancellationToken);
        track.Delete(clock.UtcNow);
        tracks.Remove(track);
        jobs.Enqueue(new DeleteStoredFolderJob(TrackFiles.Folder(track.Id)));
        audit.Record(AuditActions.TrackDelete, AuditOutcomes.Success, caller.UserId,
            track.OwnerId == caller.UserId ? $"{track.StoredBytes} bytes" : $"by an admin; owner {track.OwnerId}, {track.StoredBytes} bytes", AuditTargets.Track(track.Id));
        return new TrackDeletedDto(track.Id, Deleted: true);
    }
}
