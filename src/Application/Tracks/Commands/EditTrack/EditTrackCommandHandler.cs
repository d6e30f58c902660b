using MediatR;
using Veza.Application.Common.ReadModels;
using Veza.Domain.Auditing;
using Veza.Domain.Ports;
using Veza.Domain.Tracks;

namespace Veza.Application.Tracks.Commands.EditTrack;

public sealed class EditTrackCommandHandler(ITrackRepository tracks, ITrackCatalog catalog, IAuditTrail audit, IClock clock, ICurrentUser caller)
    : IRequestHandler<EditTrackCommand, TrackDto>
{
    public async Task<TrackDto> Handle(EditTrackCommand request, CancellationToken cancellationToken)
    {
        var track = await TrackAccess.OwnedAsync(tracks, request.TrackId, caller, cancellationToken);
        TrackVisibility? visibility = TrackNames.TryParseVisibility(request.Visibility, out var parsed) ? parsed : null;
        track.Edit(new TrackEdit(request.Title, request.Description, request.Genre, request.Tags, visibility, request.AllowRadio), clock.UtcNow);
        audit.Record(AuditActions.TrackEdit, AuditOutcomes.Success, caller.UserId,
            string.Join(", ", new[] { ("title", request.Title), ("description", request.Description), ("genre", request.Genre), ("visibility", request.Visibility) }
                .Where(f => f.Item2 is not null).Select(f => f.Item1).Concat(request.Tags is null ? [] : ["tags"])),
            AuditTargets.Track(track.Id));
        return await TrackAnswer.ForAsync(track, catalog, caller, cancellationToken);
    }
}
