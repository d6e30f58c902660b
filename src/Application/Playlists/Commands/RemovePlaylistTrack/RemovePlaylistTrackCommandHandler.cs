using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Domain.Playlists;
using Veza.Domain.Ports;

namespace Veza.Application.Playlists.Commands.RemovePlaylistTrack;

public sealed class RemovePlaylistTrackCommandHandler(IPlaylistRepository playlists, IClock clock, ICurrentUser caller)
    : IRequestHandler<RemovePlaylistTrackCommand, PlaylistTrackListDto>
{
    public async Task<PlaylistTrackListDto> Handle(RemovePlaylistTrackCommand request, CancellationToken cancellationToken)
    {
        var playlist = await playlists.LoadForOwnerAsync(request.PlaylistId, caller, cancellationToken);
        return playlist.RemoveTrack(request.TrackId, clock.UtcNow) switch
        {
            RemoveTrackOutcome.Removed => PlaylistTrackListDto.From(playlist),
            RemoveTrackOutcome.NotInPlaylist => throw new NotFoundException("This track is not in the playlist."),
            var outcome => throw new InvalidOperationException($"Unknown outcome {outcome}."),
        };
    }
}
