using MediatR;
using Veza.Domain.Auditing;
using Veza.Domain.Playlists;
using Veza.Domain.Ports;

namespace Veza.Application.Playlists.Commands.DeletePlaylist;

public sealed class DeletePlaylistCommandHandler(IPlaylistRepository playlists, IAuditTrail audit, IClock clock, ICurrentUser caller)
    : IRequestHandler<DeletePlaylistCommand, PlaylistDeletedDto>
{
    public async Task<PlaylistDeletedDto> Handle(DeletePlaylistCommand request, CancellationToken cancellationToken)
    {
        var playlist = await playlists.LoadForOwnerOrAdminAsync(request.PlaylistId, caller, cancellationToken);
        playlist.Delete(clock.UtcNow);
        playlists.Remove(playlist);
        if (playlist.OwnerId != caller.UserId)
        {
            // Someone else's content removed by an admin: moderation, so it is on the record.
            audit.Record(AuditActions.PlaylistDelete, AuditOutcomes.Success, caller.UserId, $"owner {playlist.OwnerId}", AuditTargets.Playlist(playlist.Id));
        }

        return new PlaylistDeletedDto(playlist.Id, true);
    }
}
