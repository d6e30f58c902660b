using MediatR;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Models;
using Veza.Application.Common.ReadModels;
using Veza.Application.Common.Security;
using Veza.Domain.Chat;
using Veza.Domain.Ports;

namespace Veza.Application.Chat.Queries.ListChatMembers;

/// <summary>A readable room's members with their roles, owner first.</summary>
[Authorize]
public sealed record ListChatMembersQuery(Guid RoomId, PageRequest Paging) : IQuery<PagedResult<ChatMemberDto>>, IPagedQuery;

public sealed class ListChatMembersQueryHandler(IChatRoomRepository rooms, IChatReadModel readModel, ICurrentUser caller)
    : IRequestHandler<ListChatMembersQuery, PagedResult<ChatMemberDto>>
{
    public async Task<PagedResult<ChatMemberDto>> Handle(ListChatMembersQuery request, CancellationToken cancellationToken)
    {
        var room = await ChatAccess.ReadableRoomAsync(rooms, caller, request.RoomId, cancellationToken);
        return await readModel.ListMembersAsync(room.Id, request.Paging, cancellationToken);
    }
}
