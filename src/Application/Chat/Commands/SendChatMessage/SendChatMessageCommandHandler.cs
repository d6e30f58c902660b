using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.ReadModels;
using Veza.Application.Tracks;
using Veza.Domain.Chat;
using Veza.Domain.Ports;

namespace Veza.Application.Chat.Commands.SendChatMessage;

/// <summary>
/// Checks the post, then takes the room's turn (on this node, then across nodes in the database), stores
/// the message with an id after the room's newest, commits, and broadcasts it before the next post of the
/// room starts: every member hears a room's messages in id order, and "after the last id seen" never
/// skips one (docs/decisions/0030).
/// </summary>
public sealed class SendChatMessageCommandHandler(
    IChatRoomRepository rooms, IChatMessageRepository messages, IChatReadModel readModel, ITrackCatalog tracks, IUnitOfWork unitOfWork, IKeyedLocks locks,
    ChatSendingLimiter limiter, ProfanityMask profanity, ChatMentions mentions, IRealtimeNotifier realtime, ICurrentUser caller, IClock clock)
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

        if (await SentBeforeAsync(room.Id, userId, request.ClientMessageId, cancellationToken) is { } sent)
        {
            return sent;
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
        ChatMessage message;
        ChatMessageDto dto;
        await using (await locks.AcquireAsync($"chat-room:{room.Id:N}", cancellationToken))
        {
            try
            {
                await using (var transaction = await unitOfWork.BeginTransactionAsync(cancellationToken))
                {
                    var previous = await messages.HoldRoomTailAsync(room.Id, cancellationToken);
                    message = ChatMessage.Post(room.Id, userId, content, request.ClientMessageId, request.ReplyToId, clock.UtcNow, request.TrackId, previous);
                    messages.Add(message);
                    await unitOfWork.SaveChangesAsync(cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                }
            }
            catch (ConflictException)
            {
                // The same client id from another connection won the race: that one is the message.
                unitOfWork.DiscardChanges();
                return await SentBeforeAsync(room.Id, userId, request.ClientMessageId, cancellationToken) ?? throw new ConflictException("This message was already sent.", "client_message_id");
            }

            // Read as anyone reads it: the same message goes to every member, so a private track shows to none.
            dto = (await readModel.FindMessageAsync(message.Id, ChatViewer.Anyone, CancellationToken.None))!;
            await realtime.NotifyRoomAsync(room.Id, ChatEvents.Message, dto, CancellationToken.None);
        }

        await mentions.NotifyAsync(room, dto, CancellationToken.None);
        return dto;
    }

    private async Task<ChatMessageDto?> SentBeforeAsync(Guid roomId, Guid userId, string clientMessageId, CancellationToken cancellationToken) =>
        await messages.FindByClientIdAsync(roomId, userId, clientMessageId, cancellationToken) is { } sent
            ? await readModel.FindMessageAsync(sent.Id, ChatViewer.Anyone, cancellationToken)
            : null;
}
