using MediatR;
using Veza.Domain.Playlists;
using Veza.Domain.Ports;

namespace Veza.Application.Playlists.Commands.UpdatePlaylist;

public sealed class UpdatePlaylistCommandHandler(IPlaylistRepository playlists, IClock clock, ICurrentUser caller)
    : IRequestHandler<UpdatePlaylistCommand, PlaylistDto>
{
    public async Task<PlaylistDto> Handle(UpdatePlaylistCommand request, CancellationToken cancellationToken)
    {
        var playlist = await playlists.LoadForOwnerAsync(request.PlaylistId, caller, cancellationToken);
        playlist.Edit(new PlaylistEdit(request.Title, request.Description, PlaylistFieldRules.ParseVisibility(request.Visibility)), clock.UtcNow);
        return PlaylistDto.From(playlist, caller.Username!);
    }
}
