using FluentValidation;
using Veza.Domain.Chat;

namespace Veza.Application.Chat.Commands.SendDirectMessage;

public sealed class SendDirectMessageCommandValidator : AbstractValidator<SendDirectMessageCommand>
{
    public SendDirectMessageCommandValidator()
    {
        RuleFor(c => c.Content).Must(c => c is not null && c.Trim().Length is > 0 and <= ChatRules.MessageMaxLength)
            .WithMessage($"content is 1 to {ChatRules.MessageMaxLength} characters after trimming.");
        RuleFor(c => c.ClientMessageId).Must(id => !string.IsNullOrWhiteSpace(id) && id.Length <= ChatRules.ClientMessageIdMaxLength)
            .WithMessage($"client_message_id is 1 to {ChatRules.ClientMessageIdMaxLength} characters.");
    }
}
