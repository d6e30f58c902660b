using MediatR;
using Veza.Application.Common.Behaviours;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.ReadModels;
using Veza.Application.Common.Security;
using Veza.Domain.Chat;
using Veza.Domain.Ports;

namespace Veza.Application.Chat.Commands.PinChatMessage;

/// <summary>
/// A room moderator pins (<paramref name="Pin"/>) or unpins a message; at most
/// <see cref="ChatRules.MaxPinsPerRoom"/> pins per room. Broadcast as <c>message_pinned</c> or
/// <c>message_unpinned</c>; answers the message as its room shows it.
/// </summary>
[Authorize]
public sealed record PinChatMessageCommand(Guid MessageId, bool Pin) : ICommand<ChatMessageDto>;

public sealed class PinChatMessageCommandHandler(
    IChatRoomRepository rooms, IChatMessageRepository messages, IChatReadModel readModel, IUnitOfWork unitOfWork, IRealtimeNotifier realtime,
    RollbackActions actions, ICurrentUser caller, IClock clock)
    : IRequestHandler<PinChatMessageCommand, ChatMessageDto>
{
    public async Task<ChatMessageDto> Handle(PinChatMessageCommand request, CancellationToken cancellationToken)
    {
        var userId = caller.UserId!.Value;
        var (message, room) = await ChatAccess.ReadableMessageAsync(messages, rooms, caller, request.MessageId, cancellationToken);
        var viewer = ChatAccess.ViewerOf(room, caller);
        var wasPinned = message.IsPinned;
        if (request.Pin && !wasPinned && viewer.Moderates && await messages.CountPinnedAsync(room.Id, cancellationToken) >= ChatRules.MaxPinsPerRoom)
        {
            throw new InvalidStateException($"A room has at most {ChatRules.MaxPinsPerRoom} pinned messages: unpin one first.", "message_id", "too_many_pins");
        }

        var outcome = request.Pin ? message.Pin(userId, viewer.Moderates, clock.UtcNow) : message.Unpin(viewer.Moderates);
        switch (outcome)
        {
            case MessageChangeOutcome.NotAllowed:
                throw new ForbiddenException("Only the room's moderators pin messages.");
            case MessageChangeOutcome.Deleted:
                throw new InvalidStateException("The message was deleted.", "message_id", "deleted");
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        if (wasPinned != message.IsPinned)
        {
            var pin = new ChatPinEvent(message.Id, message.RoomId, userId, message.PinnedAt);
            actions.AfterCommit(ct => realtime.NotifyRoomAsync(message.RoomId, request.Pin ? ChatEvents.MessagePinned : ChatEvents.MessageUnpinned, pin, ct));
        }

        return (await readModel.FindMessageAsync(message.Id, viewer, cancellationToken))!;
    }
}
