using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.ReadModels;
using Veza.Domain.Ports;

namespace Veza.Application.Playlists.Queries.GetPlaylist;

/// <summary>
/// A playlist and its tracks in order, for anyone who may see it (signed in or not): public and unlisted
/// ones for all, private ones for their owner and admins; anyone else gets 404, as for a playlist that does not exist.
/// </summary>
public sealed record GetPlaylistQuery(Guid PlaylistId) : IQuery<PlaylistDetailDto>;

public sealed class GetPlaylistQueryHandler(IPlaylistReadModel readModel, ICurrentUser caller) : IRequestHandler<GetPlaylistQuery, PlaylistDetailDto>
{
    public async Task<PlaylistDetailDto> Handle(GetPlaylistQuery request, CancellationToken cancellationToken) =>
        await readModel.FindAsync(request.PlaylistId, caller.UserId, caller.IsAdmin(), cancellationToken)
        ?? throw new NotFoundException("No playlist with this id.");
}
