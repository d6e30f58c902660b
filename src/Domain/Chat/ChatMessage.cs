using Veza.Domain.Common;

namespace Veza.Domain.Chat;

/// <summary>
/// A message in a room: stored before it is broadcast, idempotent per author by the client's message id,
/// edited by its author only (the previous text kept for moderators), deleted softly by its author or a
/// room moderator, pinned by room moderators; it may point at a track.
/// </summary>
public sealed class ChatMessage : Entity
{
    private ChatMessage()
    {
        Content = ClientMessageId = string.Empty;
    }

    public Guid RoomId { get; private set; }
    public Guid AuthorId { get; private set; }
    public string Content { get; private set; }
    public string ClientMessageId { get; private set; }
    public Guid? ReplyToId { get; private set; }
    public Guid? TrackId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? EditedAt { get; private set; }
    public string? PreviousContent { get; private set; }
    public DateTimeOffset? DeletedAt { get; private set; }
    public Guid? DeletedBy { get; private set; }
    public DateTimeOffset? PinnedAt { get; private set; }
    public Guid? PinnedBy { get; private set; }

    public bool IsDeleted => DeletedAt is not null;

    public bool IsPinned => PinnedAt is not null;

    /// <param name="previousId">The room's newest message id: the new one sorts after it (<see cref="MessageIds"/>).</param>
    public static ChatMessage Post(
        Guid roomId, Guid authorId, string content, string clientMessageId, Guid? replyToId, DateTimeOffset now, Guid? trackId = null, Guid? previousId = null) => new()
    {
        Id = MessageIds.Next(previousId, now),
        RoomId = roomId,
        AuthorId = authorId,
        Content = ChatRules.CheckContent(content),
        ClientMessageId = clientMessageId,
        ReplyToId = replyToId,
        TrackId = trackId,
        CreatedAt = now,
    };

    public MessageChangeOutcome Edit(Guid byUserId, string content, DateTimeOffset now)
    {
        if (IsDeleted)
        {
            return MessageChangeOutcome.Deleted;
        }

        if (byUserId != AuthorId)
        {
            return MessageChangeOutcome.NotAllowed;
        }

        PreviousContent = Content;
        Content = ChatRules.CheckContent(content);
        EditedAt = now;
        return MessageChangeOutcome.Done;
    }

    public MessageChangeOutcome Delete(Guid byUserId, bool byModerator, DateTimeOffset now)
    {
        if (IsDeleted)
        {
            return MessageChangeOutcome.Deleted;
        }

        if (byUserId != AuthorId && !byModerator)
        {
            return MessageChangeOutcome.NotAllowed;
        }

        DeletedAt = now;
        DeletedBy = byUserId;
        PinnedAt = null;
        PinnedBy = null;
        return MessageChangeOutcome.Done;
    }

    /// <summary>A room moderator pins the message (pinning it again keeps the first pin); a deleted message cannot be pinned.</summary>
    public MessageChangeOutcome Pin(Guid byUserId, bool byModerator, DateTimeOffset now)
    {
        if (IsDeleted)
        {
            return MessageChangeOutcome.Deleted;
        }

        if (!byModerator)
        {
            return MessageChangeOutcome.NotAllowed;
        }

        if (!IsPinned)
        {
            PinnedAt = now;
            PinnedBy = byUserId;
        }

        return MessageChangeOutcome.Done;
    }

    public MessageChangeOutcome Unpin(bool byModerator)
    {
        if (!byModerator)
        {
            return MessageChangeOutcome.NotAllowed;
        }

        PinnedAt = null;
        PinnedBy = null;
        return MessageChangeOutcome.Done;
    }
}

/// <summary>One user's reaction with one emoji to one message (a user may react with several emoji).</summary>
public sealed class ChatReaction
{
    private ChatReaction()
    {
        Emoji = string.Empty;
    }

    public Guid MessageId { get; private set; }
    public Guid UserId { get; private set; }
    public string Emoji { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public static ChatReaction Add(Guid messageId, Guid userId, string emoji, DateTimeOffset now) => new()
    {
        MessageId = messageId,
        UserId = userId,
        Emoji = ChatRules.CheckEmoji(emoji),
        CreatedAt = now,
    };
}



public enum MessageChangeOutcome
{
    Done,
    NotAllowed,
    Deleted,
}

public interface IChatRoomRepository
{
    Task<ChatRoom?> GetAsync(Guid roomId, CancellationToken cancellationToken);

    /// <summary>
    /// The room with only <paramref name="userId"/>'s membership (none when they are not a member), read
    /// only, never saved: what a post needs to be checked, without loading every member on the hot path.
    /// </summary>
    Task<ChatRoom?> GetForMemberAsync(Guid roomId, Guid userId, CancellationToken cancellationToken);

    /// <summary>Which of these users are members of the room.</summary>
    Task<IReadOnlySet<Guid>> MembersAmongAsync(Guid roomId, IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken);

    void Add(ChatRoom room);

    void Remove(ChatRoom room);
}

public interface IChatMessageRepository
{
    Task<ChatMessage?> GetAsync(Guid messageId, CancellationToken cancellationToken);

    /// <summary>The author's message with this client id in this room, if they sent it before (a retried send).</summary>
    Task<ChatMessage?> FindByClientIdAsync(Guid roomId, Guid authorId, string clientMessageId, CancellationToken cancellationToken);

    void Add(ChatMessage message);

    /// <summary>
    /// Takes the room's posting lock until the current transaction ends (on every node: posts to one room
    /// commit one at a time, so id order is commit order) and answers the room's newest message id.
    /// </summary>
    Task<Guid?> HoldRoomTailAsync(Guid roomId, CancellationToken cancellationToken);

    /// <summary>How many messages of the room are pinned.</summary>
    Task<int> CountPinnedAsync(Guid roomId, CancellationToken cancellationToken);

    /// <summary>Reactions belong to their message but are written one row at a time, so concurrent reactions never conflict.</summary>
    /// <returns>False when the user had already reacted with this emoji (nothing changes).</returns>
    Task<bool> AddReactionAsync(ChatReaction reaction, CancellationToken cancellationToken);

    /// <returns>False when there was no such reaction.</returns>
    Task<bool> RemoveReactionAsync(Guid messageId, Guid userId, string emoji, CancellationToken cancellationToken);
}
