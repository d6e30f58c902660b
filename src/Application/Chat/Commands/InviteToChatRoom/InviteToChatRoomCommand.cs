using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.ReadModels;
using Veza.Application.Common.Security;
using Veza.Domain.Chat;
using Veza.Domain.Ports;

namespace Veza.Application.Chat.Commands.InviteToChatRoom;

/// <summary>A member invites a user into a private room; the invitation lets them join. Already a member: 409.</summary>
[Authorize]
public sealed record InviteToChatRoomCommand(Guid RoomId, Guid UserId) : ICommand<Unit>, IRetriedAfterConcurrentChange;

public sealed class InviteToChatRoomCommandHandler(IChatRoomRepository rooms, IUserDirectory directory, ICurrentUser caller, IClock clock)
    : IRequestHandler<InviteToChatRoomCommand, Unit>
{
    public async Task<Unit> Handle(InviteToChatRoomCommand request, CancellationToken cancellationToken)
    {
        var room = await ChatAccess.ReadableRoomAsync(rooms, caller, request.RoomId, cancellationToken);
        await directory.EnsureExistsAsync(request.UserId, cancellationToken);
        return room.Invite(caller.UserId!.Value, request.UserId, clock.UtcNow) switch
        {
            InviteOutcome.NotAllowed => throw new ForbiddenException("Only members invite to a room."),
            InviteOutcome.AlreadyMember => throw new ConflictException("This user is already a member.", "user_id"),
            _ => Unit.Value,
        };
    }
}
