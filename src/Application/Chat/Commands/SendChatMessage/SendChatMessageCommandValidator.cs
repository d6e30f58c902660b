using FluentValidation;

namespace Veza.Application.Chat.Commands.SendChatMessage;

public sealed class SendChatMessageCommandValidator : AbstractValidator<SendChatMessageCommand>
{
    public SendChatMessageCommandValidator()
    {
        RuleFor(c => c.Content).MessageContent();
        RuleFor(c => c.ClientMessageId).ClientMessageId();
    }
}
