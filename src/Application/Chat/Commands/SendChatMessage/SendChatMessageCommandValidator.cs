using FluentValidation;
using Veza.Domain.Chat;

namespace Veza.Application.Chat.Commands.SendChatMessage;

public sealed class SendChatMessageCommandValidator : AbstractValidator<SendChatMessageCommand>
{
    public SendChatMessageCommandValidator()
    {
        RuleFor(c => c.Content).Must(c => c is not null && c.Trim().Length is > 0 and <= ChatRules.MessageMaxLength)
            .WithMessage($"content is 1 to {ChatRules.MessageMaxLength} characters after trimming.");
        RuleFor(c => c.ClientMessageId).Must(id => !string.IsNullOrWhiteSpace(id) && id.Length <= ChatRules.ClientMessageIdMaxLength)
            .WithMessage($"client_message_id is 1 to {ChatRules.ClientMessageIdMaxLength} characters.");
    }
}
