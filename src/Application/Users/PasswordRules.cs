using FluentValidation;
using Veza.Domain.Ports;
using Veza.Domain.Users;

namespace Veza.Application.Users;

/// <summary>The one definition of an acceptable username, email and password, shared by every validator.</summary>
public static class PasswordRules
{
    public const int MinLength = 8;
    public const int MaxLength = 128;

    public static IRuleBuilderOptions<T, string> AcceptablePassword<T>(this IRuleBuilder<T, string> rule, ICommonPasswordList commonPasswords) =>
        rule.NotEmpty().WithMessage("Password is required.")
            .MinimumLength(MinLength).WithMessage($"Password must be at least {MinLength} characters.")
            .MaximumLength(MaxLength).WithMessage($"Password must be at most {MaxLength} characters.")
            .Must(p => !commonPasswords.Contains(p)).WithMessage("This password is among the most common ones; choose another.");

    public static IRuleBuilderOptions<T, string> ValidUsername<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().WithMessage("Username is required.")
            .Must(User.IsValidUsername)
            .WithMessage($"Username must be {User.UsernameMinLength} to {User.UsernameMaxLength} characters of a-z, 0-9 and _.");

    public static IRuleBuilderOptions<T, string> ValidEmail<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().WithMessage("Email is required.")
            .MaximumLength(User.EmailMaxLength).WithMessage($"Email must be at most {User.EmailMaxLength} characters.")
            .Matches(@"^[^@\s]+@[^@\s]+\.[^@\s]+$").WithMessage("Email is not a valid address.");
}
