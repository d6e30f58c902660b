using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.ReadModels;
using Veza.Domain.Media;
using Veza.Domain.Ports;
using Veza.Domain.Tracks;

namespace Veza.Application.Tracks.Queries.GetTrackArtwork;

public sealed class GetTrackArtworkQueryHandler(ITrackCatalog catalog, IFileStorage storage, ICurrentUser caller) : IRequestHandler<GetTrackArtworkQuery, TrackFile>
{
    public async Task<TrackFile> Handle(GetTrackArtworkQuery request, CancellationToken cancellationToken)
    {
        var track = await TrackView.FindVisibleAsync(catalog, request.TrackId, caller, cancellationToken);

        var file = track.ArtworkVersion is { } version ? await storage.OpenReadAsync(TrackFiles.Artwork(track.Id, version, request.Size), cancellationToken) : null;
        return file is null
            ? throw new NotFoundException("This track has no artwork.")
            : new TrackFile(file, ImageFormats.ContentType(ImageFormat.WebP), track.ArtworkVersion!.Value, TrackView.IsPublic(track), track.UpdatedAt);
    }
}
