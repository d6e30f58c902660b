using FluentValidation;

namespace Veza.Application.Chat.Commands.CreateChatRoom;

public sealed class CreateChatRoomCommandValidator : AbstractValidator<CreateChatRoomCommand>
{
    public CreateChatRoomCommandValidator()
    {
        RuleFor(c => c.Name).NotNull().WithMessage("name is required.").RoomName();
        RuleFor(c => c.Description).RoomDescription();
    }
}
