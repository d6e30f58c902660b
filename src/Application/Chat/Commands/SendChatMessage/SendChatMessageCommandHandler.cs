using MediatR;
using Veza.Application.Common.Behaviours;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.ReadModels;
using Veza.Application.Tracks;
using Veza.Domain.Chat;
using Veza.Domain.Ports;

namespace Veza.Application.Chat.Commands.SendChatMessage;

public sealed class SendChatMessageCommandHandler(
    IChatRoomRepository rooms, IChatMessageRepository messages, IChatReadModel readModel, ITrackCatalog tracks, IUnitOfWork unitOfWork, ChatSendingLimiter limiter,
    ProfanityMask profanity, ChatMentions mentions, IRealtimeNotifier realtime, RollbackActions actions, ICurrentUser caller, IClock clock)
    : IRequestHandler<SendChatMessageCommand, ChatMessageDto>
{
    public async Task<ChatMessageDto> Handle(SendChatMessageCommand request, CancellationToken cancellationToken)
    {
        var userId = caller.UserId!.Value;
        var room = await ChatAccess.ReadableRoomAsync(rooms, caller, request.RoomId, cancellationToken);
        ChatAccess.EnsureMember(room, userId);
        if (!room.MayPost(userId, clock.UtcNow))
        {
            throw new ForbiddenException("You are muted in this room.");
        }

        if (await messages.FindByClientIdAsync(room.Id, userId, request.ClientMessageId, cancellationToken) is { } sent)
        {
            return (await readModel.FindMessageAsync(sent.Id, ChatViewer.Anyone, cancellationToken))!;
        }

        await limiter.AcquireAsync(userId, cancellationToken);

        if (request.ReplyToId is { } replyTo && (await messages.GetAsync(replyTo, cancellationToken))?.RoomId != room.Id)
        {
            throw new RequestValidationException([new FieldError("reply_to_id", "The message replied to is not in this room.")]);
        }

        if (request.TrackId is { } trackId && !(await tracks.FindAsync(trackId, userId, cancellationToken) is { } track && TrackView.CanSee(track, userId, caller.Role)))
        {
            throw new RequestValidationException([new FieldError("track_id", "No such track.")]);
        }

        var content = room.MaskProfanity ? profanity.Apply(request.Content) : request.Content;
        var message = ChatMessage.Post(room.Id, userId, content, request.ClientMessageId, request.ReplyToId, clock.UtcNow, request.TrackId);
        messages.Add(message);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        // Read as anyone reads it: the same message goes to every member, so a private track shows to none.
        var dto = (await readModel.FindMessageAsync(message.Id, ChatViewer.Anyone, cancellationToken))!;
        await mentions.NotifyAsync(room, dto, cancellationToken);
        actions.AfterCommit(ct => realtime.NotifyRoomAsync(room.Id, ChatEvents.Message, dto, ct));
        return dto;
    }
}
