using MediatR;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.ReadModels;
using Veza.Application.Common.Security;
using Veza.Domain.Chat;
using Veza.Domain.Ports;

namespace Veza.Application.Chat.Queries.ListPinnedMessages;

/// <summary>A readable room's pinned messages, the most recently pinned first (at most <see cref="ChatRules.MaxPinsPerRoom"/>).</summary>
[Authorize]
public sealed record ListPinnedMessagesQuery(Guid RoomId) : IQuery<IReadOnlyList<ChatMessageDto>>;

public sealed class ListPinnedMessagesQueryHandler(IChatRoomRepository rooms, IChatReadModel readModel, ICurrentUser caller)
    : IRequestHandler<ListPinnedMessagesQuery, IReadOnlyList<ChatMessageDto>>
{
    public async Task<IReadOnlyList<ChatMessageDto>> Handle(ListPinnedMessagesQuery request, CancellationToken cancellationToken)
    {
        var room = await ChatAccess.ReadableRoomAsync(rooms, caller, request.RoomId, cancellationToken);
        return await readModel.ListPinnedAsync(room.Id, ChatAccess.ViewerOf(room, caller), cancellationToken);
    }
}
