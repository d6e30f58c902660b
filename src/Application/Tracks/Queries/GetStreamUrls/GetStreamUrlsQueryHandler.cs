using MediatR;
using Veza.Application.Tracks.Plays;
using Veza.Domain.Ports;
using Veza.Domain.Tracks;

namespace Veza.Application.Tracks.Queries.GetStreamUrls;

public sealed class GetStreamUrlsQueryHandler(ITrackRepository tracks, IStreamUrlSigner signer, ICurrentUser caller, IClock clock)
    : IRequestHandler<GetStreamUrlsQuery, StreamUrlsDto>
{
    public async Task<StreamUrlsDto> Handle(GetStreamUrlsQuery request, CancellationToken cancellationToken)
    {
        var track = await PlayableTrack.GetAsync(tracks, caller, request.TrackId, cancellationToken);
        var expiresAt = clock.UtcNow + signer.UrlLifetime;
        var listener = PlayListener.Of(caller, signer);
        string? Url(bool exists, string path) => exists ? signer.SignedUrl(path, listener, expiresAt) : null;

        var urls = new StreamUrlSetDto(
            Url(track.HasMp3128, StreamPaths.Progressive(track.Id, StreamPaths.Mp3128)),
            Url(track.HasMp3320, StreamPaths.Progressive(track.Id, StreamPaths.Mp3320)),
            Url(track.HasHls, StreamPaths.Hls(track.Id, StreamPaths.HlsMaster)),
            Url(TrackView.IsAdmin(caller.Role) || (caller.UserId is { } viewerId && viewerId == track.OwnerId), StreamPaths.Progressive(track.Id, StreamPaths.Original)));
        return new StreamUrlsDto(urls, expiresAt, track.TrackGainDb);
    }
}
