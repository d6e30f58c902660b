using MediatR;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Models;
using Veza.Application.Common.ReadModels;
using Veza.Application.Common.Security;
using Veza.Application.Tracks;
using Veza.Domain.Ports;

namespace Veza.Application.Chat.Queries.ListChatRooms;

/// <summary>Public rooms and the caller's private ones, most recently active first.</summary>
[Authorize]
public sealed record ListChatRoomsQuery(PageRequest Paging) : IQuery<PagedResult<ChatRoomDto>>, IPagedQuery;

public sealed class ListChatRoomsQueryHandler(IChatReadModel readModel, RoomOnlineCounts online, ICurrentUser caller) : IRequestHandler<ListChatRoomsQuery, PagedResult<ChatRoomDto>>
{
    public async Task<PagedResult<ChatRoomDto>> Handle(ListChatRoomsQuery request, CancellationToken cancellationToken)
    {
        var page = await readModel.ListRoomsAsync(caller.UserId!.Value, TrackView.IsAdmin(caller.Role), request.Paging, cancellationToken);
        return page with { Items = await online.AddAsync(page.Items, cancellationToken) };
    }
}
