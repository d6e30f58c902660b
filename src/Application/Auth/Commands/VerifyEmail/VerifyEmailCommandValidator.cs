using FluentValidation;
using Veza.Application.Auth.AccountTokens;

namespace Veza.Application.Auth.Commands.VerifyEmail;

public sealed class VerifyEmailCommandValidator : AbstractValidator<VerifyEmailCommand>
{
    public VerifyEmailCommandValidator() => RuleFor(x => x.Token).EmailedToken();
}
