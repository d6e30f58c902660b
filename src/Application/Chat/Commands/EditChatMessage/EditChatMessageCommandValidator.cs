using FluentValidation;

namespace Veza.Application.Chat.Commands.EditChatMessage;

public sealed class EditChatMessageCommandValidator : AbstractValidator<EditChatMessageCommand>
{
    public EditChatMessageCommandValidator() => RuleFor(c => c.Content).MessageContent();
}
