using MediatR;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.ReadModels;
using Veza.Application.Common.Security;
using Veza.Domain.Chat;
using Veza.Domain.Ports;

namespace Veza.Application.Chat.Queries.GetChatRoom;

/// <summary>A room the caller may read (a private room of others is 404).</summary>
[Authorize]
public sealed record GetChatRoomQuery(Guid RoomId) : IQuery<ChatRoomDto>;

public sealed class GetChatRoomQueryHandler(IChatRoomRepository rooms, IChatReadModel readModel, RoomOnlineCounts online, ICurrentUser caller) : IRequestHandler<GetChatRoomQuery, ChatRoomDto>
{
    public async Task<ChatRoomDto> Handle(GetChatRoomQuery request, CancellationToken cancellationToken)
    {
        var room = await ChatAccess.ReadableRoomAsync(rooms, caller, request.RoomId, cancellationToken);
        return (await online.AddAsync([(await readModel.FindRoomAsync(room.Id, caller.UserId!.Value, cancellationToken))!], cancellationToken))[0];
    }
}
