using FluentValidation;
using Veza.Domain.Chat;

namespace Veza.Application.Chat.Commands.CreateChatRoom;

public sealed class CreateChatRoomCommandValidator : AbstractValidator<CreateChatRoomCommand>
{
    public CreateChatRoomCommandValidator()
    {
        RuleFor(c => c.Name).Must(n => n is not null && n.Trim().Length is >= ChatRules.NameMinLength and <= ChatRules.NameMaxLength)
            .WithMessage($"name is {ChatRules.NameMinLength} to {ChatRules.NameMaxLength} characters.");
        RuleFor(c => c.Description).Must(d => d is null || d.Trim().Length <= ChatRules.DescriptionMaxLength)
            .WithMessage($"description is at most {ChatRules.DescriptionMaxLength} characters.");
    }
}
