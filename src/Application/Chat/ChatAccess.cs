using Veza.Application.Common.Exceptions;
using Veza.Application.Tracks;
using Veza.Domain.Chat;
using Veza.Domain.Ports;

namespace Veza.Application.Chat;

/// <summary>The rooms rules every chat use case shares: a room the caller may not read is 404, as one that does not exist.</summary>
public static class ChatAccess
{
    public static async Task<ChatRoom> ReadableRoomAsync(IChatRoomRepository rooms, ICurrentUser caller, Guid roomId, CancellationToken cancellationToken)
    {
        var room = await rooms.GetAsync(roomId, cancellationToken);
        return room is not null && room.IsReadableBy(caller.UserId, TrackView.IsAdmin(caller.Role))
            ? room
            : throw new NotFoundException("No such room.");
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
