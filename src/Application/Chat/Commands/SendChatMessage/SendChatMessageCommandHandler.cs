using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.ReadModels;
using Veza.Application.Tracks;
using Veza.Domain.Chat;
using Veza.Domain.Ports;

namespace Veza.Application.Chat.Commands.SendChatMessage;

/// <summary>
/// Checks the post, queues it for its room and takes the room's turn on this node. Whoever has the turn
/// stores every post waiting in one short transaction (holding the room's posting lock across nodes,
/// ids minted after the room's newest), then broadcasts them in id order before the next turn: every
/// member hears a room's messages in id order, "after the last id seen" never skips one, and a busy room
/// pays one commit per batch (docs/decisions/0030).
/// </summary>
public sealed class SendChatMessageCommandHandler(
    IChatRoomRepository rooms, IChatMessageRepository messages, IChatReadModel readModel, ITrackCatalog tracks, IUnitOfWork unitOfWork, IKeyedLocks locks,
    RoomPostQueues queues, ChatSendingLimiter limiter, ProfanityMask profanity, ChatMentions mentions, IRealtimeNotifier realtime, ICurrentUser caller, IClock clock)
    : IRequestHandler<SendChatMessageCommand, ChatMessageDto>
{
    public async Task<ChatMessageDto> Handle(SendChatMessageCommand request, CancellationToken cancellationToken)
    {
        var userId = caller.UserId!.Value;
        var room = await ChatAccess.ReadableRoomForCallerAsync(rooms, caller, request.RoomId, cancellationToken);
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

        ChatTrackDto? shownTrack = null;
        if (request.TrackId is { } trackId)
        {
            var track = await tracks.FindAsync(trackId, userId, cancellationToken);
            if (track is null || !TrackView.CanSee(track, userId, caller.Role))
            {
                throw new RequestValidationException([new FieldError("track_id", "No such track.")]);
            }

            // The broadcast is read as anyone reads it: the same message goes to every member, so a private track shows to none.
            shownTrack = TrackView.IsPublic(track) ? ChatTrackDto.From(track.Id, track.Title, track.CreditedArtist, track.OwnerUsername, track.Duration, track.ArtworkVersion) : null;
        }

        var author = await readModel.FindChatUserAsync(userId, cancellationToken) ?? throw new NotFoundException("No such user.");
        var post = new PendingPost(
            userId, author, room.MaskProfanity ? profanity.Apply(request.Content) : request.Content, request.ClientMessageId, request.ReplyToId, request.TrackId, shownTrack);
        var queue = queues.Enqueue(room.Id, post);
        // Not the request's token from here on: a queued post is stored by whichever sender has the turn.
        await using (await locks.AcquireAsync($"chat-room:{room.Id:N}", CancellationToken.None))
        {
            if (!post.Outcome.Task.IsCompleted)
            {
                await StoreAndBroadcastAsync(room.Id, RoomPostQueues.Drain(queue));
            }

            queues.Forget(room.Id, queue);
        }

        var message = await post.Outcome.Task;
        await mentions.NotifyAsync(room, message, CancellationToken.None);
        return message;
    }

    private async Task StoreAndBroadcastAsync(Guid roomId, List<PendingPost> batch)
    {
        var stored = new List<ChatMessage>(batch.Count);
        try
        {
            await using var transaction = await unitOfWork.BeginTransactionAsync(CancellationToken.None);
            var previous = await messages.HoldRoomTailAsync(roomId, CancellationToken.None);
            // PostgreSQL keeps microseconds: the broadcast shows the time history will show.
            var now = clock.UtcNow;
            now = now.AddTicks(-(now.Ticks % 10));
            foreach (var post in batch)
            {
                var message = ChatMessage.Post(roomId, post.AuthorId, post.Content, post.ClientMessageId, post.ReplyToId, now, post.TrackId, previous);
                messages.Add(message);
                stored.Add(message);
                previous = message.Id;
            }

            await unitOfWork.SaveChangesAsync(CancellationToken.None);
            await transaction.CommitAsync(CancellationToken.None);
        }
        catch (ConflictException) when (batch.Count > 1)
        {
            // A client id sent twice at once (from two connections): store the batch one post at a time.
            unitOfWork.DiscardChanges();
            foreach (var post in batch)
            {
                await StoreAndBroadcastAsync(roomId, [post]);
            }

            return;
        }
        catch (ConflictException)
        {
            unitOfWork.DiscardChanges();
            var post = batch[0];
            // The same client id won the race: that one is the message.
            if (await SentBeforeAsync(roomId, post.AuthorId, post.ClientMessageId, CancellationToken.None) is { } first)
            {
                post.Outcome.TrySetResult(first);
            }
            else
            {
                post.Outcome.TrySetException(new ConflictException("This message was already sent.", "client_message_id"));
            }

            return;
        }
        catch (Exception ex)
        {
            unitOfWork.DiscardChanges();
            foreach (var post in batch)
            {
                post.Outcome.TrySetException(ex);
            }

            return;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            var (post, message) = (batch[i], stored[i]);
            var dto = new ChatMessageDto(
                message.Id, roomId, post.Author, message.Content, message.ClientMessageId, message.ReplyToId, message.CreatedAt, null, false, post.Track, [], null, null);
            await realtime.NotifyRoomAsync(roomId, ChatEvents.Message, dto, CancellationToken.None);
            post.Outcome.TrySetResult(dto);
        }
    }

    private async Task<ChatMessageDto?> SentBeforeAsync(Guid roomId, Guid userId, string clientMessageId, CancellationToken cancellationToken) =>
        await messages.FindByClientIdAsync(roomId, userId, clientMessageId, cancellationToken) is { } sent
            ? await readModel.FindMessageAsync(sent.Id, ChatViewer.Anyone, cancellationToken)
            : null;
}
