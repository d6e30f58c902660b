using MediatR;
using Veza.Domain.Playlists;
using Veza.Domain.Ports;
using Veza.Domain.Tracks;

namespace Veza.Application.Playlists.Commands.CreatePlaylist;

public sealed class CreatePlaylistCommandHandler(IPlaylistRepository playlists, IClock clock, ICurrentUser caller)
    : IRequestHandler<CreatePlaylistCommand, PlaylistDto>
{
    public Task<PlaylistDto> Handle(CreatePlaylistCommand request, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        var visibility = PlaylistFieldRules.ParseVisibility(request.Visibility) ?? TrackVisibility.Public;
        var playlist = Playlist.Create(Guid.CreateVersion7(now), caller.UserId!.Value, request.Title, request.Description, visibility, now);
        playlists.Add(playlist);
        return Task.FromResult(PlaylistDto.From(playlist, caller.Username!));
    }
}
