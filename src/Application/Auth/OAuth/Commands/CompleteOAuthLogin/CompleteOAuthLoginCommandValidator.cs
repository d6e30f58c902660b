using FluentValidation;

namespace Veza.Application.Auth.OAuth.Commands.CompleteOAuthLogin;

/// <summary>Bounds on what anyone can put on the callback's query string before it is hashed, logged or forwarded to a provider.</summary>
public sealed class CompleteOAuthLoginCommandValidator : AbstractValidator<CompleteOAuthLoginCommand>
{
    public CompleteOAuthLoginCommandValidator()
    {
        // States handed out are 43 characters.
        RuleFor(x => x.State).MaximumLength(128);
        // Providers' codes are far shorter (Google's ~75 characters).
        RuleFor(x => x.Code).MaximumLength(2048);
        RuleFor(x => x.Error).MaximumLength(256);
    }
}
