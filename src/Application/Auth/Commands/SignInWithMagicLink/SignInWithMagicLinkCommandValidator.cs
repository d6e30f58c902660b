using FluentValidation;
using Veza.Application.Auth.AccountTokens;

namespace Veza.Application.Auth.Commands.SignInWithMagicLink;

public sealed class SignInWithMagicLinkCommandValidator : AbstractValidator<SignInWithMagicLinkCommand>
{
    public SignInWithMagicLinkCommandValidator() => RuleFor(x => x.Token).EmailedToken();
}
