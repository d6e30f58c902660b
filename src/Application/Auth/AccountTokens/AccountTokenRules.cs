using FluentValidation;

namespace Veza.Application.Auth.AccountTokens;

public static class AccountTokenRules
{
    /// <summary>Far above a real token's 43 characters, so nobody makes the server hash megabytes.</summary>
    public const int MaxLength = 256;

    /// <summary>A one-time token pasted from an emailed link: present and of a sane length (whether it is valid is the service's to say).</summary>
    public static IRuleBuilderOptions<T, string> EmailedToken<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().WithMessage("Token is required.")
            .MaximumLength(MaxLength).WithMessage($"Token must be at most {MaxLength} characters.");
}
