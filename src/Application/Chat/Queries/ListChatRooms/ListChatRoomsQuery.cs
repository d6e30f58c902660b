using MediatR;
using Veza.Application.Common.Caching;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Models;
using Veza.Application.Common.ReadModels;
using Veza.Application.Common.Security;
using Veza.Application.Tracks;
using Veza.Domain.Chat;
using Veza.Domain.Ports;

namespace Veza.Application.Chat.Queries.ListChatRooms;

/// <summary>Public rooms and the caller's private ones, most recently active first.</summary>
[Authorize]
public sealed record ListChatRoomsQuery(PageRequest Paging) : IQuery<PagedResult<ChatRoomDto>>, IPagedQuery;

/// <summary>The room list's shared part, cached: every public room in order of activity (ids only, no viewer's data).</summary>
public sealed record PublicChatRooms(IReadOnlyList<ChatRoomActivity> Rooms);

/// <summary>
/// The order of the public rooms (the scan over every room's newest message) comes through the cache; the caller's
/// private rooms are read and merged in on every call, and the page's rooms are read fresh for the caller (name,
/// last message, counts, their role). A public room that turned private since it was cached is shown only to its
/// members and admins, one deleted since is left out. The order may lag a room's newest message by up to the cache's
/// time to live: a message does not invalidate it (docs/decisions/0040).
/// </summary>
public sealed class ListChatRoomsQueryHandler(IChatReadModel readModel, RoomOnlineCounts online, ICurrentUser caller, ICache cache, CacheSettings cacheSettings)
    : IRequestHandler<ListChatRoomsQuery, PagedResult<ChatRoomDto>>
{
    public async Task<PagedResult<ChatRoomDto>> Handle(ListChatRoomsQuery request, CancellationToken cancellationToken)
    {
        var viewerId = caller.UserId!.Value;
        var isAdmin = TrackView.IsAdmin(caller.Role);
        var publicRooms = await cache.GetAsync<PublicChatRooms>(CacheKeys.PublicChatRooms, cancellationToken);
        if (publicRooms is null)
        {
            publicRooms = new PublicChatRooms(await readModel.PublicRoomsByActivityAsync(cancellationToken));
            await cache.SetAsync(CacheKeys.PublicChatRooms, publicRooms, cacheSettings.TimeToLive, cancellationToken);
        }

        var privateRooms = await readModel.PrivateRoomsByActivityAsync(viewerId, isAdmin, cancellationToken);
        var privateIds = privateRooms.Select(r => r.Id).ToHashSet();
        var all = publicRooms.Rooms.Where(r => !privateIds.Contains(r.Id)).Concat(privateRooms)
            .OrderByDescending(r => r.LastActivity).ThenByDescending(r => r.Id).ToList();
        var pageIds = all.Skip(request.Paging.Offset).Take(request.Paging.Limit).Select(r => r.Id).ToList();
        var rooms = (await readModel.FindRoomsAsync(pageIds, viewerId, cancellationToken))
            .Where(r => ChatRoom.IsReadable(r.IsPrivate, isAdmin, isMember: r.MyRole is not null)).ToList();
        return new PagedResult<ChatRoomDto>(await online.AddAsync(rooms, cancellationToken), request.Paging.Page, request.Paging.Limit, all.Count);
    }
}
