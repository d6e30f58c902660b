using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Application.Tracks.Processing;
using Veza.Domain.Auditing;
using Veza.Domain.Ports;
using Veza.Domain.Tracks;
using Veza.Domain.Users;

namespace Veza.Application.Tracks.Commands.ReprocessTrack;

/// <summary>
/// A track the caller cannot see is not found; one they can see but do not own is forbidden (admins may);
/// only a failed track is queued again, with its job in the same transaction.
/// </summary>
public sealed class ReprocessTrackCommandHandler(ITrackRepository tracks, IJobScheduler jobs, IAuditTrail audit, IClock clock, ICurrentUser caller)
    : IRequestHandler<ReprocessTrackCommand, UploadedTrackDto>
{
    public async Task<UploadedTrackDto> Handle(ReprocessTrackCommand request, CancellationToken cancellationToken)
    {
        var callerId = caller.UserId!.Value;
        var isAdmin = caller.Role is Role.Admin or Role.SuperAdmin;
        var track = await tracks.GetAsync(request.TrackId, cancellationToken);
        if (track is null || !track.IsVisibleTo(callerId, isAdmin))
        {
            throw new NotFoundException("Track not found.");
        }

        if (track.OwnerId != callerId && !isAdmin)
        {
            throw new ForbiddenException("Only the track's owner or an admin can reprocess it.");
        }

        switch (track.Reprocess(clock.UtcNow))
        {
            case ReprocessOutcome.Queued:
                jobs.Enqueue(new ProcessTrackJob(track.Id));
                audit.Record(AuditActions.TrackReprocess, AuditOutcomes.Success, callerId, null, AuditTargets.Track(track.Id));
                return UploadedTrackDto.From(track);
            case ReprocessOutcome.AlreadyProcessing:
                throw new InvalidStateException("The track is already being processed.", "status", track.Status.ToName());
            default:
                throw new InvalidStateException("Only a track whose processing failed can be reprocessed.", "status", track.Status.ToName());
        }
    }
}
