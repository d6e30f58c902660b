using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Domain.Ports;
using Veza.Domain.Tracks;

namespace Veza.Application.Tracks.Queries.GetStreamUrls;

public sealed class GetStreamUrlsQueryHandler(ITrackRepository tracks, IStreamUrlSigner signer, ICurrentUser caller, IClock clock)
    : IRequestHandler<GetStreamUrlsQuery, StreamUrlsDto>
{
    public async Task<StreamUrlsDto> Handle(GetStreamUrlsQuery request, CancellationToken cancellationToken)
    {
        var viewerId = caller.UserId!.Value;
        var privileged = TrackView.IsAdmin(caller.Role);
        var track = await tracks.GetAsync(request.TrackId, cancellationToken);
        if (track is null || !track.IsVisibleTo(viewerId, privileged))
        {
            throw new NotFoundException("No such track.");
        }

        if (track.Status != TrackStatus.Ready)
        {
            throw new InvalidStateException("The track is not ready to play.", "status", track.Status.ToName());
        }

        var expiresAt = clock.UtcNow + signer.UrlLifetime;
        var listener = viewerId.ToString("N");
        string? Url(bool exists, string path) => exists ? $"{path}?{signer.Sign(path, listener, expiresAt)}" : null;

        var urls = new StreamUrlSetDto(
            Url(track.HasMp3128, StreamPaths.Progressive(track.Id, StreamPaths.Mp3128)),
            Url(track.HasMp3320, StreamPaths.Progressive(track.Id, StreamPaths.Mp3320)),
            Url(track.HasHls, StreamPaths.Hls(track.Id, StreamPaths.HlsMaster)),
            Url(privileged || viewerId == track.OwnerId, StreamPaths.Progressive(track.Id, StreamPaths.Original)));
        return new StreamUrlsDto(urls, expiresAt, track.TrackGainDb);
    }
}
