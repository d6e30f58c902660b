using MediatR;
using Veza.Application.Common.Behaviours;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.ReadModels;
using Veza.Application.Common.Security;
using Veza.Domain.Chat;
using Veza.Domain.Ports;

namespace Veza.Application.Chat.Commands.EditChatMessage;

/// <summary>The author rewrites a message (marked edited; the previous text kept for moderators); broadcast as <c>message_edited</c>.</summary>
[Authorize]
public sealed record EditChatMessageCommand(Guid MessageId, string Content) : ICommand<ChatMessageDto>;

public sealed class EditChatMessageCommandHandler(
    IChatRoomRepository rooms, IChatMessageRepository messages, IChatReadModel readModel, IUnitOfWork unitOfWork, ProfanityMask profanity, IRealtimeNotifier realtime,
    RollbackActions actions, ICurrentUser caller, IClock clock)
    : IRequestHandler<EditChatMessageCommand, ChatMessageDto>
{
    public async Task<ChatMessageDto> Handle(EditChatMessageCommand request, CancellationToken cancellationToken)
    {
        var (message, room) = await ChatAccess.ReadableMessageAsync(messages, rooms, caller, request.MessageId, cancellationToken);
        switch (message.Edit(caller.UserId!.Value, room.MaskProfanity ? profanity.Apply(request.Content) : request.Content, clock.UtcNow))
        {
            case MessageChangeOutcome.NotAllowed:
                throw new ForbiddenException("Only its author edits a message.");
            case MessageChangeOutcome.Deleted:
                throw new InvalidStateException("The message was deleted.", "message_id", "deleted");
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        var dto = (await readModel.FindMessageAsync(message.Id, ChatViewer.Anyone, cancellationToken))!;
        actions.AfterCommit(ct => realtime.NotifyRoomAsync(message.RoomId, ChatEvents.MessageEdited, dto, ct));
        return dto;
    }
}
