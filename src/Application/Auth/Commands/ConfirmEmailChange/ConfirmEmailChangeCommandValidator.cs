using FluentValidation;
using Veza.Application.Auth.AccountTokens;

namespace Veza.Application.Auth.Commands.ConfirmEmailChange;

public sealed class ConfirmEmailChangeCommandValidator : AbstractValidator<ConfirmEmailChangeCommand>
{
    public ConfirmEmailChangeCommandValidator() => RuleFor(x => x.Token).EmailedToken();
}
