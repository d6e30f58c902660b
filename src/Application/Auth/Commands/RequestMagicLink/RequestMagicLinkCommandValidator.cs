using FluentValidation;
using Veza.Application.Users;

namespace Veza.Application.Auth.Commands.RequestMagicLink;

public sealed class RequestMagicLinkCommandValidator : AbstractValidator<RequestMagicLinkCommand>
{
    public RequestMagicLinkCommandValidator() => RuleFor(x => x.Email).ValidEmail();
}
