using MediatR;
using Veza.Application.Common.ReadModels;
using Veza.Domain.Ports;

namespace Veza.Application.Tracks.Queries.GetTrack;

public sealed class GetTrackQueryHandler(ITrackCatalog catalog, ICurrentUser caller) : IRequestHandler<GetTrackQuery, TrackDto>
{
    public async Task<TrackDto> Handle(GetTrackQuery request, CancellationToken cancellationToken) =>
        TrackView.For(await TrackView.FindVisibleAsync(catalog, request.TrackId, caller, cancellationToken), caller.UserId, caller.Role);
}
