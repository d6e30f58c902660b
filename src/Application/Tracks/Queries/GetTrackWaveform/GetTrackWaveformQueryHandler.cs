using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.ReadModels;
using Veza.Domain.Ports;
using Veza.Domain.Tracks;

namespace Veza.Application.Tracks.Queries.GetTrackWaveform;

public sealed class GetTrackWaveformQueryHandler(ITrackCatalog catalog, IFileStorage storage, ICurrentUser caller) : IRequestHandler<GetTrackWaveformQuery, TrackFile>
{
    public async Task<TrackFile> Handle(GetTrackWaveformQuery request, CancellationToken cancellationToken)
    {
        var track = await TrackView.FindVisibleAsync(catalog, request.TrackId, caller, cancellationToken);

        var file = track.HasWaveform ? await storage.OpenReadAsync(TrackFiles.Waveform(track.Id), cancellationToken) : null;
        return file is null
            ? throw new NotFoundException("This track has no waveform yet.")
            : new TrackFile(file, "application/json", track.Id, TrackView.IsPublic(track), track.UpdatedAt);
    }
}
