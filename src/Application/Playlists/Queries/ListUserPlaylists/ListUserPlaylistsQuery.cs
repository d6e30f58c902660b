using MediatR;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Models;
using Veza.Application.Common.ReadModels;
using Veza.Application.Users;
using Veza.Domain.Ports;

namespace Veza.Application.Playlists.Queries.ListUserPlaylists;

/// <summary>A user's playlists, newest first: all of them for the user, the public ones for anyone else (admins included: lists never show unlisted or private ones to others).</summary>
public sealed record ListUserPlaylistsQuery(Guid UserId, PageRequest Paging) : IQuery<PagedResult<PlaylistDto>>, IPagedQuery;

public sealed class ListUserPlaylistsQueryHandler(IPlaylistReadModel readModel, IUserDirectory directory, ICurrentUser caller)
    : IRequestHandler<ListUserPlaylistsQuery, PagedResult<PlaylistDto>>
{
    public async Task<PagedResult<PlaylistDto>> Handle(ListUserPlaylistsQuery request, CancellationToken cancellationToken)
    {
        await ProfileListAccess.EnsureVisibleAsync(directory, request.UserId, caller, cancellationToken);
        return await readModel.ListByOwnerAsync(request.UserId, caller.UserId, request.Paging, cancellationToken);
    }
}
