using Veza.Application.Chat;
using Veza.Application.Common.Models;

namespace Veza.Application.Common.ReadModels;

/// <summary>Chat's read side: rooms, members and messages projected straight from SQL.</summary>
public interface IChatReadModel
{
    /// <summary>Every public room with its last activity (its newest message, else its creation), most recently active first.</summary>
    Task<IReadOnlyList<ChatRoomActivity>> PublicRoomsByActivityAsync(CancellationToken cancellationToken);

    /// <summary>The private rooms the viewer is a member of (every private room for admins), most recently active first.</summary>
    Task<IReadOnlyList<ChatRoomActivity>> PrivateRoomsByActivityAsync(Guid viewerId, bool viewerIsAdmin, CancellationToken cancellationToken);

    Task<ChatRoomDto?> FindRoomAsync(Guid roomId, Guid viewerId, CancellationToken cancellationToken);

    /// <summary>These rooms as the viewer sees them, in the order given; a room that no longer exists is left out.</summary>
    Task<IReadOnlyList<ChatRoomDto>> FindRoomsAsync(IReadOnlyList<Guid> roomIds, Guid viewerId, CancellationToken cancellationToken);

    Task<PagedResult<ChatMemberDto>> ListMembersAsync(Guid roomId, PageRequest paging, CancellationToken cancellationToken);

    /// <summary>
    /// At most <paramref name="limit"/> messages in id (time) order: the newest without a cursor, those just
    /// before <paramref name="before"/>, or those just after <paramref name="after"/> (catching up).
    /// </summary>
    Task<IReadOnlyList<ChatMessageDto>> ListMessagesAsync(Guid roomId, Guid? before, Guid? after, int limit, ChatViewer viewer, CancellationToken cancellationToken);

    Task<ChatMessageDto?> FindMessageAsync(Guid messageId, ChatViewer viewer, CancellationToken cancellationToken);

    /// <summary>The room's pinned messages, the most recently pinned first.</summary>
    Task<IReadOnlyList<ChatMessageDto>> ListPinnedAsync(Guid roomId, ChatViewer viewer, CancellationToken cancellationToken);

    /// <summary>How many users reacted to the message with the emoji.</summary>
    Task<long> CountReactionsAsync(Guid messageId, string emoji, CancellationToken cancellationToken);

    /// <summary>The user's conversations, the most recent first.</summary>
    Task<PagedResult<ConversationDto>> ListConversationsAsync(Guid userId, PageRequest paging, CancellationToken cancellationToken);

    /// <summary>Direct messages between two users in id (time) order, paged by cursor as room history.</summary>
    Task<IReadOnlyList<DirectMessageDto>> ListDirectMessagesAsync(Guid userId, Guid otherId, Guid? before, Guid? after, int limit, CancellationToken cancellationToken);

    Task<DirectMessageDto?> FindDirectMessageAsync(Guid messageId, CancellationToken cancellationToken);

    /// <summary>Unread room messages (others' messages after the member's read marker) and unread direct messages.</summary>
    Task<UnreadDto> UnreadAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>The users the user has exchanged direct messages with.</summary>
    Task<IReadOnlyList<Guid>> ConversationPartnersAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>The members of each of these rooms (for counting who is online).</summary>
    Task<IReadOnlyDictionary<Guid, Guid[]>> MemberIdsAsync(IReadOnlyCollection<Guid> roomIds, CancellationToken cancellationToken);

    /// <summary>A user as chat shows them (author of a message): id, username, avatar.</summary>
    Task<ChatUserDto?> FindChatUserAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>The rooms the user is a member of (their live connections hear those rooms' events).</summary>
    Task<IReadOnlyList<Guid>> RoomIdsOfAsync(Guid userId, CancellationToken cancellationToken);
}

/// <summary>A room and when it was last active (its newest message, else its creation): what the room list orders by.</summary>
public sealed record ChatRoomActivity(Guid Id, DateTimeOffset LastActivity);
