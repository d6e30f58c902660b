using Veza.Application.Chat;
using Veza.Application.Common.Behaviours;
using Veza.Domain.Chat;
using Veza.Domain.Ports;
using Veza.Domain.Reports;
using Veza.Domain.Users;

namespace Veza.Application.Reports;

/// <summary>
/// A chat message as a report target (<c>target_type</c> message): reportable by whoever may read its room
/// (others get 404, as for a private room's messages); its owner is its author. hide_content deletes it
/// softly, as a room moderator would, and the room hears <c>message_deleted</c> once the resolution commits.
/// </summary>
public sealed class ChatMessageReportTarget(
    IChatMessageRepository messages, IChatRoomRepository rooms, IRealtimeNotifier realtime, RollbackActions actions, IClock clock, ICurrentUser caller)
    : IReportTargetType
{
    public const string TypeName = "message";

    public string Name => TypeName;

    public async Task<Guid?> FindOwnerAsync(Guid targetId, CancellationToken cancellationToken)
    {
        if (await messages.GetAsync(targetId, cancellationToken) is not { IsDeleted: false } message)
        {
            return null;
        }

        var room = await rooms.GetAsync(message.RoomId, cancellationToken);
        return room is not null && room.IsReadableBy(caller.UserId, caller.Role is >= Role.Moderator) ? message.AuthorId : null;
    }

    public async Task<bool> HideAsync(Guid targetId, string reason, CancellationToken cancellationToken)
    {
        if (await messages.GetAsync(targetId, cancellationToken) is { } message
            && message.Delete(caller.UserId!.Value, byModerator: true, clock.UtcNow) == MessageChangeOutcome.Done)
        {
            actions.AfterCommit(ct => realtime.NotifyRoomAsync(message.RoomId, ChatEvents.MessageDeleted, new ChatMessageDeletedEvent(message.Id, message.RoomId), ct));
        }

        // Deleted already (by its author or a moderator): nothing left to hide, which is what was asked.
        return true;
    }
}
