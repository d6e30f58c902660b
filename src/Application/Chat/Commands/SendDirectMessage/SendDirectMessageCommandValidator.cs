using FluentValidation;

namespace Veza.Application.Chat.Commands.SendDirectMessage;

public sealed class SendDirectMessageCommandValidator : AbstractValidator<SendDirectMessageCommand>
{
    public SendDirectMessageCommandValidator()
    {
        RuleFor(c => c.Content).MessageContent();
        RuleFor(c => c.ClientMessageId).ClientMessageId();
    }
}
