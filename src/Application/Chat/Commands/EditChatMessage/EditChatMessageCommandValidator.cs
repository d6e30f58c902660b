using FluentValidation;
using Veza.Domain.Chat;

namespace Veza.Application.Chat.Commands.EditChatMessage;

public sealed class EditChatMessageCommandValidator : AbstractValidator<EditChatMessageCommand>
{
    public EditChatMessageCommandValidator() =>
        RuleFor(c => c.Content).Must(c => c is not null && c.Trim().Length is > 0 and <= ChatRules.MessageMaxLength)
            .WithMessage($"content is 1 to {ChatRules.MessageMaxLength} characters after trimming.");
}
