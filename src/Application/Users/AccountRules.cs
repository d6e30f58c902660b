using System.Text;
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
    // NIST SP 800-63B: at least 8 and up to at least 64 characters, each Unicode code point counting
    // as one. Counting UTF-16 units instead let four emoji pass as eight characters.
    public const int PasswordMinLength = 8;
    public const int PasswordMaxLength = 128;

    public const string CommonPasswordMessage =
        "This password is among the most common ones (letters and digits compared without case, symbols added at the end ignored); choose another.";

    /// <summary>A password being chosen (registration, password change): long enough, short enough, not a common one.</summary>
    public static IRuleBuilderOptions<T, string> AcceptablePassword<T>(this IRuleBuilder<T, string> rule, ICommonPasswordList commonPasswords) =>
        rule.SubmittedPassword()
            .Must(p => CodePoints(p) >= PasswordMinLength).WithMessage($"Password must be at least {PasswordMinLength} characters.")
            .Must(p => !IsCommon(p, commonPasswords)).WithMessage(CommonPasswordMessage);

    /// <summary>
    /// A password given to prove who one is (login, the current password): present, and no longer than
    /// any password can be, so a login cannot make the server hash megabytes.
    /// </summary>
    public static IRuleBuilderOptions<T, string> SubmittedPassword<T>(this IRuleBuilder<T, string> rule, string requiredMessage = "Password is required.") =>
        rule.NotEmpty().WithMessage(requiredMessage)
            .Must(p => CodePoints(p) <= PasswordMaxLength).WithMessage($"Password must be at most {PasswordMaxLength} characters.");

    public static IRuleBuilderOptions<T, string> ValidUsername<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().WithMessage("Username is required.")
            .Must(UsernameRules.IsValid).WithMessage(UsernameRules.Message);

    public static IRuleBuilderOptions<T, string> ValidEmail<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().WithMessage("Email is required.")
            .MaximumLength(EmailRules.MaxLength).WithMessage($"Email must be at most {EmailRules.MaxLength} characters.")
            .Must(EmailRules.IsValid).WithMessage(EmailRules.Message);

    private static int CodePoints(string text) => text.EnumerateRunes().Count();

    // "Password123!" is "password123" with the symbol a site demanded tacked on: as guessable, and
    // the first variant a cracker tries, so it is refused with the listed word.
    private static bool IsCommon(string password, ICommonPasswordList commonPasswords)
    {
        var core = password.AsSpan();
        while (!core.IsEmpty && Rune.DecodeLastFromUtf16(core, out var last, out var length) == System.Buffers.OperationStatus.Done && !Rune.IsLetterOrDigit(last))
        {
            core = core[..^length];
        }

        return commonPasswords.Contains(password) || (core.Length is > 0 && core.Length < password.Length && commonPasswords.Contains(core.ToString()));
    }
}
