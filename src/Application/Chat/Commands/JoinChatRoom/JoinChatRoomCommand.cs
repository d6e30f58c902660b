using MediatR;
using Veza.Application.Common.Behaviours;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.ReadModels;
using Veza.Application.Common.Security;
using Veza.Domain.Chat;
using Veza.Domain.Ports;

namespace Veza.Application.Chat.Commands.JoinChatRoom;

/// <summary>Joins a public room, or a private one the caller was invited to (a private room without an invitation is 404, as if absent).</summary>
[Authorize]
public sealed record JoinChatRoomCommand(Guid RoomId) : ICommand<ChatRoomDto>, IRetriedAfterConcurrentChange;

public sealed class JoinChatRoomCommandHandler(
    IChatRoomRepository rooms, IChatReadModel readModel, IUnitOfWork unitOfWork, IRealtimeNotifier realtime, RollbackActions actions, ICurrentUser caller, IClock clock)
    : IRequestHandler<JoinChatRoomCommand, ChatRoomDto>
{
    public async Task<ChatRoomDto> Handle(JoinChatRoomCommand request, CancellationToken cancellationToken)
    {
        var userId = caller.UserId!.Value;
        var room = await rooms.GetAsync(request.RoomId, cancellationToken) ?? throw new NotFoundException("No such room.");
        switch (room.Join(userId, clock.UtcNow))
        {
            case JoinOutcome.InvitationRequired:
                throw new NotFoundException("No such room.");
            case JoinOutcome.Banned:
                throw new ForbiddenException("You are banned from this room.");
            case JoinOutcome.Joined:
                actions.AfterCommit(ct => realtime.NotifyRoomAsync(room.Id, ChatEvents.Joined, new ChatMembershipEvent(room.Id, userId), ct));
                break;
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        return (await readModel.FindRoomAsync(room.Id, userId, cancellationToken))!;
    }
}
