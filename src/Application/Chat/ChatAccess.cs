using Veza.Application.Common.Exceptions;
using Veza.Application.Tracks;
using Veza.Domain.Chat;
using Veza.Domain.Ports;

namespace Veza.Application.Chat;

/// <summary>The rooms rules every chat use case shares: a room the caller may not read is 404, as one that does not exist.</summary>
public static class ChatAccess
{
    public static async Task<ChatRoom> ReadableRoomAsync(IChatRoomRepository rooms, ICurrentUser caller, Guid roomId, CancellationToken cancellationToken) =>
        Readable(await rooms.GetAsync(roomId, cancellationToken), caller);

    /// <summary>As <see cref="ReadableRoomAsync"/>, with only the caller's membership loaded, read only (the post's hot path).</summary>
    public static async Task<ChatRoom> ReadableRoomForCallerAsync(IChatRoomRepository rooms, ICurrentUser caller, Guid roomId, CancellationToken cancellationToken) =>
        Readable(await rooms.GetForMemberAsync(roomId, caller.UserId!.Value, cancellationToken), caller);

    private static ChatRoom Readable(ChatRoom? room, ICurrentUser caller) =>
        room is not null && room.IsReadableBy(caller.UserId, TrackView.IsAdmin(caller.Role))
            ? room
            : throw new NotFoundException("No such room.");

    /// <summary>The caller as a reader of the room's messages: admins and the room's moderators see the text before an edit.</summary>
    public static ChatViewer ViewerOf(ChatRoom room, ICurrentUser caller)
    {
        var isAdmin = TrackView.IsAdmin(caller.Role);
        return new ChatViewer(caller.UserId, isAdmin, isAdmin || (caller.UserId is { } id && room.IsModeratedBy(id)));
    }

    /// <summary>The message and its room, when the caller may read the room (404 otherwise, as for a message that does not exist).</summary>
    public static async Task<(ChatMessage Message, ChatRoom Room)> ReadableMessageAsync(
        IChatMessageRepository messages, IChatRoomRepository rooms, ICurrentUser caller, Guid messageId, CancellationToken cancellationToken)
    {
        var message = await messages.GetAsync(messageId, cancellationToken) ?? throw new NotFoundException("No such message.");
        return (message, await ReadableRoomAsync(rooms, caller, message.RoomId, cancellationToken));
    }

    /// <summary>Only members post: a public room's reader who has not joined is told to join first.</summary>
    public static void EnsureMember(ChatRoom room, Guid userId)
    {
        if (room.MemberOf(userId) is null)
        {
            throw new ForbiddenException("Join the room first.");
        }
    }
}
