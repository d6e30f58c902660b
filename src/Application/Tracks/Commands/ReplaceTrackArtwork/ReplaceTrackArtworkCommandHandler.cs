using MediatR;
using Veza.Application.Common.ReadModels;
using Veza.Application.Common.Storage;
using Veza.Application.Tracks.Artwork;
using Veza.Domain.Auditing;
using Veza.Domain.Ports;
using Veza.Domain.Tracks;

namespace Veza.Application.Tracks.Commands.ReplaceTrackArtwork;

/// <summary>
/// The new picture is stored under a new version before the row changes; the row, the audit event and the
/// deletion of the previous version's files (a job) commit together, so readers see the old artwork until then.
/// The track's stored bytes (its quota cost) swap the old files' size for the new ones'.
/// </summary>
public sealed class ReplaceTrackArtworkCommandHandler(
    ITrackRepository tracks, ITrackCatalog catalog, TrackArtworkWriter writer, IFileStorage storage, IJobScheduler jobs, IAuditTrail audit, IClock clock, ICurrentUser caller)
    : IRequestHandler<ReplaceTrackArtworkCommand, TrackDto>
{
    public async Task<TrackDto> Handle(ReplaceTrackArtworkCommand request, CancellationToken cancellationToken)
    {
        var track = await TrackAccess.OwnedAsync(tracks, request.TrackId, caller, cancellationToken);
        var stored = await writer.StoreAsync(track.Id, request.Content, request.Length, "file", cancellationToken);

        long previousBytes = 0;
        if (track.ArtworkVersion is { } previous)
        {
            var keys = TrackArtworkWriter.Keys(track.Id, previous);
            foreach (var key in keys)
            {
                await using var file = await storage.OpenReadAsync(key, cancellationToken);
                previousBytes += file?.Length ?? 0;
            }

            jobs.Enqueue(new DeleteStoredFilesJob(keys));
        }

        track.ReplaceArtwork(stored.Version, stored.Bytes - previousBytes, clock.UtcNow);
        audit.Record(AuditActions.TrackArtworkChange, AuditOutcomes.Success, caller.UserId, $"version {stored.Version:N}", AuditTargets.Track(track.Id));
        return await TrackAnswer.ForAsync(track, catalog, caller, cancellationToken);
    }
}
