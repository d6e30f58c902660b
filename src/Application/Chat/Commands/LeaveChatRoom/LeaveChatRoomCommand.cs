using MediatR;
using Veza.Application.Common.Behaviours;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;
using Veza.Domain.Chat;
using Veza.Domain.Ports;

namespace Veza.Application.Chat.Commands.LeaveChatRoom;

/// <summary>Leaves a room. The owner cannot (they delete it): 422 INVALID_STATE. Not a member: 404.</summary>
[Authorize]
public sealed record LeaveChatRoomCommand(Guid RoomId) : ICommand<Unit>, IRetriedAfterConcurrentChange;

public sealed class LeaveChatRoomCommandHandler(IChatRoomRepository rooms, IRealtimeNotifier realtime, RollbackActions actions, ICurrentUser caller, IClock clock)
    : IRequestHandler<LeaveChatRoomCommand, Unit>
{
    public async Task<Unit> Handle(LeaveChatRoomCommand request, CancellationToken cancellationToken)
    {
        var userId = caller.UserId!.Value;
        var room = await ChatAccess.ReadableRoomAsync(rooms, caller, request.RoomId, cancellationToken);
        switch (room.Leave(userId, clock.UtcNow))
        {
            case LeaveOutcome.NotMember:
                throw new NotFoundException("You are not a member of this room.");
            case LeaveOutcome.OwnerCannotLeave:
                throw new InvalidStateException("The owner cannot leave the room; delete it instead.", "role", "owner");
        }

        actions.AfterCommit(ct => realtime.NotifyRoomAsync(room.Id, ChatEvents.Left, new ChatMembershipEvent(room.Id, userId), ct));
        return Unit.Value;
    }
}
