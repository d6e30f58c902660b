using FluentValidation;
using Veza.Domain.Chat;

namespace Veza.Application.Chat;

/// <summary>The field rules every chat request shares (room and direct messages, edits, history), before the entities check them again.</summary>
internal static class ChatFieldRules
{
    /// <summary>A room name when given (null: kept, on update).</summary>
    public static IRuleBuilderOptions<T, string?> RoomName<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(n => n is null || n.Trim().Length is >= ChatRules.NameMinLength and <= ChatRules.NameMaxLength)
            .WithMessage($"name is {ChatRules.NameMinLength} to {ChatRules.NameMaxLength} characters.");

    public static IRuleBuilderOptions<T, string?> RoomDescription<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(d => d is null || d.Trim().Length <= ChatRules.DescriptionMaxLength)
            .WithMessage($"description is at most {ChatRules.DescriptionMaxLength} characters.");

    public static IRuleBuilderOptions<T, string> MessageContent<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(c => c is not null && c.Trim().Length is > 0 and <= ChatRules.MessageMaxLength)
            .WithMessage($"content is 1 to {ChatRules.MessageMaxLength} characters after trimming.");

    public static IRuleBuilderOptions<T, string> ClientMessageId<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(id => !string.IsNullOrWhiteSpace(id) && id.Length <= ChatRules.ClientMessageIdMaxLength)
            .WithMessage($"client_message_id is 1 to {ChatRules.ClientMessageIdMaxLength} characters.");

    /// <summary>limit 1 to 200, and one cursor at most (before or after).</summary>
    public static void HistoryCursor<T>(this AbstractValidator<T> validator, Func<T, int?> limit, Func<T, Guid?> before, Func<T, Guid?> after)
    {
        validator.RuleFor(q => limit(q)).InclusiveBetween(1, ChatRules.MaxPage).When(q => limit(q) is not null)
            .WithMessage($"limit is 1 to {ChatRules.MaxPage}.").OverridePropertyName("limit");
        validator.RuleFor(q => after(q)).Null().When(q => before(q) is not null).WithMessage("Give before or after, not both.").OverridePropertyName("after");
    }
}
