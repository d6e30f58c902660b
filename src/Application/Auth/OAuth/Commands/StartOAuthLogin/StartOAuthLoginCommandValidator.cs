using FluentValidation;

namespace Veza.Application.Auth.OAuth.Commands.StartOAuthLogin;

public sealed class StartOAuthLoginCommandValidator : AbstractValidator<StartOAuthLoginCommand>
{
    /// <summary>Longer than any page a frontend registers; the allow-list decides the rest.</summary>
    public const int RedirectUriMaxLength = 2048;

    public StartOAuthLoginCommandValidator()
    {
        RuleFor(x => x.RedirectUri).NotEmpty().WithMessage("redirect_uri is required.").MaximumLength(RedirectUriMaxLength);
    }
}
