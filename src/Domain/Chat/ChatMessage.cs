using Veza.Domain.Common;

namespace Veza.Domain.Chat;

/// <summary>
/// A message in a room: stored before it is broadcast, idempotent per author by the client's message id,
/// edited by its author only (the previous text kept for moderators), deleted softly by its author or a
/// room moderator.
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
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? EditedAt { get; private set; }
    public string? PreviousContent { get; private set; }
    public DateTimeOffset? DeletedAt { get; private set; }
    public Guid? DeletedBy { get; private set; }

    public bool IsDeleted => DeletedAt is not null;

    public static ChatMessage Post(Guid roomId, Guid authorId, string content, string clientMessageId, Guid? replyToId, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        RoomId = roomId,
        AuthorId = authorId,
        Content = ChatRules.CheckContent(content),
        ClientMessageId = clientMessageId,
        ReplyToId = replyToId,
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
        return MessageChangeOutcome.Done;
    }
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

    void Add(ChatRoom room);

    void Remove(ChatRoom room);
}

public interface IChatMessageRepository
{
    Task<ChatMessage?> GetAsync(Guid messageId, CancellationToken cancellationToken);

    /// <summary>The author's message with this client id in this room, if they sent it before (a retried send).</summary>
    Task<ChatMessage?> FindByClientIdAsync(Guid roomId, Guid authorId, string clientMessageId, CancellationToken cancellationToken);

    void Add(ChatMessage message);
}
