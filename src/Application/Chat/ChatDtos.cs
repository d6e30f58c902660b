namespace Veza.Application.Chat;

/// <summary>Who wrote a message or is in a room, as a chat client draws them.</summary>
public sealed record ChatUserDto(Guid Id, string Username, string? AvatarUrl);

/// <param name="MyRole">The caller's role in the room (owner, moderator, member), or null when not a member.</param>
public sealed record ChatRoomDto(
    Guid Id, string Name, string? Description, bool IsPrivate, ChatUserDto Owner, long MemberCount, string? MyRole, ChatMessageDto? LastMessage,
    DateTimeOffset CreatedAt, long UnreadCount = 0, long OnlineCount = 0, bool MaskProfanity = false);

/// <summary>Unread counts of the caller: per room they are a member of, per conversation, and in all.</summary>
public sealed record UnreadDto(IReadOnlyList<RoomUnreadDto> Rooms, IReadOnlyList<ConversationUnreadDto> Conversations, long Total);

public sealed record RoomUnreadDto(Guid RoomId, long Count);

public sealed record ConversationUnreadDto(Guid UserId, long Count);

/// <summary>The <c>read</c> event of a room: who read it up to which message.</summary>
public sealed record RoomReadEvent(Guid RoomId, Guid UserId, Guid LastReadMessageId);

/// <param name="Content">Null once the message is deleted (deleted is then true).</param>
/// <param name="Track">The track the message points at, when the reader may see it.</param>
/// <param name="Reactions">Counted per emoji, in the order they were first used.</param>
/// <param name="PreviousContent">The text before the last edit: only for the room's moderators and admins.</param>
public sealed record ChatMessageDto(
    Guid Id, Guid RoomId, ChatUserDto Author, string? Content, string ClientMessageId, Guid? ReplyToId, DateTimeOffset CreatedAt, DateTimeOffset? EditedAt,
    bool Deleted, ChatTrackDto? Track = null, IReadOnlyList<ChatReactionDto>? Reactions = null, DateTimeOffset? PinnedAt = null, string? PreviousContent = null);

/// <summary>A track a chat message points at.</summary>
public sealed record ChatTrackDto(Guid Id, string Title, string Artist, double? DurationSeconds, string? ArtworkUrl)
{
    /// <summary>The one way a message shows its track: the credited artist or else the uploader, the small artwork.</summary>
    public static ChatTrackDto From(Guid id, string title, string? creditedArtist, string ownerUsername, TimeSpan? duration, Guid? artworkVersion) => new(
        id, title, creditedArtist ?? ownerUsername, duration is { } d ? Math.Round(d.TotalSeconds, 3) : null,
        artworkVersion is { } version ? Tracks.TrackUrls.Artwork(id, version, Tracks.TrackUrls.SmallArtwork) : null);
}

public sealed record ChatReactionDto(string Emoji, long Count, bool ReactedByMe);

/// <summary>The <c>reaction</c> event: someone added or removed a reaction; the emoji's count after it.</summary>
public sealed record ChatReactionEvent(Guid MessageId, Guid RoomId, Guid UserId, string Emoji, long Count, bool Added);

/// <summary>The <c>message_pinned</c> and <c>message_unpinned</c> events.</summary>
public sealed record ChatPinEvent(Guid MessageId, Guid RoomId, Guid ByUserId, DateTimeOffset? PinnedAt);

/// <summary>
/// Who reads messages, for what a message shows them: tracks they may see, their own reactions, and the
/// text before an edit when they moderate the room (its moderators and owner, or an admin). A broadcast
/// is read by <see cref="Anyone"/>.
/// </summary>
public sealed record ChatViewer(Guid? UserId, bool IsAdmin, bool Moderates)
{
    public static readonly ChatViewer Anyone = new(null, false, false);
}

/// <param name="ReadAt">When the recipient read it (null until then).</param>
public sealed record DirectMessageDto(Guid Id, ChatUserDto Sender, Guid RecipientId, string Content, string ClientMessageId, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt);

/// <summary>One conversation of the caller: the other user, the last message either way, and how many of theirs the caller has not read.</summary>
public sealed record ConversationDto(ChatUserDto With, DirectMessageDto LastMessage, long UnreadCount);

/// <summary>The <c>read</c> event of a conversation: who read, up to which message.</summary>
public sealed record DirectReadEvent(Guid UserId, Guid LastReadMessageId);

public sealed record ChatMemberDto(ChatUserDto User, string Role, DateTimeOffset JoinedAt);

/// <summary>The <c>message_deleted</c> event: which message, in which room.</summary>
public sealed record ChatMessageDeletedEvent(Guid Id, Guid RoomId);

/// <summary>The <c>joined</c> and <c>left</c> events.</summary>
public sealed record ChatMembershipEvent(Guid RoomId, Guid UserId);

/// <summary>The names of the events chat sends to a room's live connections (ARCHITECTURE.md, real-time contract).</summary>
public static class ChatEvents
{
    public const string Message = "message";
    public const string MessageEdited = "message_edited";
    public const string MessageDeleted = "message_deleted";
    public const string Joined = "joined";
    public const string Left = "left";
    public const string DirectMessage = "dm";
    public const string Read = "read";
    public const string Typing = "typing";
    public const string Presence = "presence";
    public const string Reaction = "reaction";
    public const string MessagePinned = "message_pinned";
    public const string MessageUnpinned = "message_unpinned";
}
