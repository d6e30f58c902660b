using MediatR;
using Veza.Application.Common.ReadModels;
using Veza.Domain.Chat;
using Veza.Domain.Ports;

namespace Veza.Application.Chat.Commands.CreateChatRoom;

public sealed class CreateChatRoomCommandHandler(IChatRoomRepository rooms, IUnitOfWork unitOfWork, IChatReadModel readModel, ICurrentUser caller, IClock clock)
    : IRequestHandler<CreateChatRoomCommand, ChatRoomDto>
{
    public async Task<ChatRoomDto> Handle(CreateChatRoomCommand request, CancellationToken cancellationToken)
    {
        var room = ChatRoom.Create(caller.UserId!.Value, request.Name, request.Description, request.IsPrivate, clock.UtcNow, request.MaskProfanity);
        rooms.Add(room);

        // Saved now so a taken name is a 409 here, and the answer is read as every room is.
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return (await readModel.FindRoomAsync(room.Id, room.OwnerId, cancellationToken))!;
    }
}
