using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;
using Veza.Application.Tracks;
using Veza.Domain.Chat;
using Veza.Domain.Ports;

namespace Veza.Application.Chat.Commands.DeleteChatRoom;

/// <summary>Deletes a room with its messages: its owner or an admin. Others who can see it: 403.</summary>
[Authorize]
public sealed record DeleteChatRoomCommand(Guid RoomId) : ICommand<Unit>;

public sealed class DeleteChatRoomCommandHandler(IChatRoomRepository rooms, ICurrentUser caller, IClock clock) : IRequestHandler<DeleteChatRoomCommand, Unit>
{
    public async Task<Unit> Handle(DeleteChatRoomCommand request, CancellationToken cancellationToken)
    {
        var room = await ChatAccess.ReadableRoomAsync(rooms, caller, request.RoomId, cancellationToken);
        if (!room.MayBeDeletedBy(caller.UserId!.Value, TrackView.IsAdmin(caller.Role)))
        {
            throw new ForbiddenException("Only the owner or an admin deletes a room.");
        }

        room.Delete(clock.UtcNow);
        rooms.Remove(room);

        return Unit.Value;
    }
}
