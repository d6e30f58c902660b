using FluentValidation;
using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.ReadModels;
using Veza.Application.Common.Security;
using Veza.Domain.Chat;
using Veza.Domain.Ports;

namespace Veza.Application.Chat.Commands.UpdateChatRoom;

/// <summary>The owner or a room moderator changes the name, description, privacy or profanity masking; fields left out are kept, an empty description clears it.</summary>
[Authorize]
public sealed record UpdateChatRoomCommand(Guid RoomId, string? Name = null, string? Description = null, bool? IsPrivate = null, bool? MaskProfanity = null)
    : ICommand<ChatRoomDto>, IRetriedAfterConcurrentChange;

public sealed class UpdateChatRoomCommandValidator : AbstractValidator<UpdateChatRoomCommand>
{
    public UpdateChatRoomCommandValidator()
    {
        RuleFor(c => c.Name).RoomName();
        RuleFor(c => c.Description).RoomDescription();
    }
}

public sealed class UpdateChatRoomCommandHandler(IChatRoomRepository rooms, IChatReadModel readModel, IUnitOfWork unitOfWork, ICurrentUser caller, IClock clock)
    : IRequestHandler<UpdateChatRoomCommand, ChatRoomDto>
{
    public async Task<ChatRoomDto> Handle(UpdateChatRoomCommand request, CancellationToken cancellationToken)
    {
        var userId = caller.UserId!.Value;
        var room = await ChatAccess.ReadableRoomAsync(rooms, caller, request.RoomId, cancellationToken);
        if (!room.Edit(userId, request.Name, request.Description, request.IsPrivate, clock.UtcNow, request.MaskProfanity))
        {
            throw new ForbiddenException("Only the owner or a room moderator edits a room.");
        }

        // Saved now so a taken name is a 409 here, and the answer is read as every room is.
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return (await readModel.FindRoomAsync(room.Id, userId, cancellationToken))!;
    }
}
