using FluentValidation;

namespace Veza.Application.Chat.Commands.MarkDirectMessagesRead;

public sealed class MarkDirectMessagesReadCommandValidator : AbstractValidator<MarkDirectMessagesReadCommand>
{
    public MarkDirectMessagesReadCommandValidator() => RuleFor(c => c.UserId).NotEmpty().WithMessage("user_id (or room_id) is required.");
}
