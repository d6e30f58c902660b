using MediatR;
using Veza.Application.Common.Behaviours;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;
using Veza.Domain.Chat;
using Veza.Domain.Ports;

namespace Veza.Application.Chat.Commands.MarkRoomRead;

/// <summary>A member has read a room up to one of its messages: the marker moves and the room hears a <c>read</c> event.</summary>
[Authorize]
public sealed record MarkRoomReadCommand(Guid RoomId, Guid LastReadMessageId) : ICommand<Unit>, IRetriedAfterConcurrentChange;

public sealed class MarkRoomReadCommandHandler(
    IChatRoomRepository rooms, IChatMessageRepository messages, IRealtimeNotifier realtime, RollbackActions actions, ICurrentUser caller)
    : IRequestHandler<MarkRoomReadCommand, Unit>
{
    public async Task<Unit> Handle(MarkRoomReadCommand request, CancellationToken cancellationToken)
    {
        var userId = caller.UserId!.Value;
        var room = await ChatAccess.ReadableRoomAsync(rooms, caller, request.RoomId, cancellationToken);
        ChatAccess.EnsureMember(room, userId);
        if ((await messages.GetAsync(request.LastReadMessageId, cancellationToken))?.RoomId != room.Id)
        {
            throw new RequestValidationException([new FieldError("last_read_message_id", "No such message in this room.")]);
        }

        room.MarkRead(userId, request.LastReadMessageId);
        actions.AfterCommit(ct => realtime.NotifyRoomAsync(room.Id, ChatEvents.Read, new RoomReadEvent(room.Id, userId, request.LastReadMessageId), ct));
        return Unit.Value;
    }
}
