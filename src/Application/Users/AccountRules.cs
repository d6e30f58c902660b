using FluentValidation;
using Veza.Domain.Ports;
using Veza.Domain.Users;

namespace Veza.Application.Users;

/// <summary>
/// Validator rules for the fields of an account, shared by every validator. Username and email defer
/// to the Domain's definitions, so a request the validators pass is one the entity accepts; the
/// password policy is the Application's, as the entity only ever sees a hash.
/// </summary>
public static class AccountRules
{
    public const int PasswordMinLength = 8;
    public const int PasswordMaxLength = 128;

    public static IRuleBuilderOptions<T, string> AcceptablePassword<T>(this IRuleBuilder<T, string> rule, ICommonPasswordList commonPasswords) =>
        rule.NotEmpty().WithMessage("Password is required.")
            .MinimumLength(PasswordMinLength).WithMessage($"Password must be at least {PasswordMinLength} characters.")
            .MaximumLength(PasswordMaxLength).WithMessage($"Password must be at most {PasswordMaxLength} characters.")
            .Must(p => !commonPasswords.Contains(p)).WithMessage("This password is among the most common ones; choose another.");

    public static IRuleBuilderOptions<T, string> ValidUsername<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().WithMessage("Username is required.")
            .Must(UsernameRules.IsValid).WithMessage(UsernameRules.Message);

    public static IRuleBuilderOptions<T, string> ValidEmail<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().WithMessage("Email is required.")
            .MaximumLength(EmailRules.MaxLength).WithMessage($"Email must be at most {EmailRules.MaxLength} characters.")
            .Must(EmailRules.IsValid).WithMessage(EmailRules.Message);
}
