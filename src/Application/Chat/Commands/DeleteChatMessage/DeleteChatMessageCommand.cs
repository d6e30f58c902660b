using MediatR;
using Veza.Application.Common.Behaviours;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;
using Veza.Domain.Chat;
using Veza.Domain.Ports;

namespace Veza.Application.Chat.Commands.DeleteChatMessage;

/// <summary>Its author or a room moderator deletes a message (softly: the history shows it deleted); broadcast as <c>message_deleted</c>.</summary>
[Authorize]
public sealed record DeleteChatMessageCommand(Guid MessageId) : ICommand<Unit>;

public sealed class DeleteChatMessageCommandHandler(
    IChatRoomRepository rooms, IChatMessageRepository messages, IRealtimeNotifier realtime, RollbackActions actions, ICurrentUser caller, IClock clock)
    : IRequestHandler<DeleteChatMessageCommand, Unit>
{
    public async Task<Unit> Handle(DeleteChatMessageCommand request, CancellationToken cancellationToken)
    {
        var (message, room) = await ChatAccess.ReadableMessageAsync(messages, rooms, caller, request.MessageId, cancellationToken);
        var userId = caller.UserId!.Value;
        switch (message.Delete(userId, room.IsModeratedBy(userId), clock.UtcNow))
        {
            case MessageChangeOutcome.NotAllowed:
                throw new ForbiddenException("Only its author or a room moderator deletes a message.");
            case MessageChangeOutcome.Deleted:
                throw new InvalidStateException("The message was already deleted.", "message_id", "deleted");
        }

        actions.AfterCommit(ct => realtime.NotifyRoomAsync(message.RoomId, ChatEvents.MessageDeleted, new ChatMessageDeletedEvent(message.Id, message.RoomId), ct));
        return Unit.Value;
    }
}
