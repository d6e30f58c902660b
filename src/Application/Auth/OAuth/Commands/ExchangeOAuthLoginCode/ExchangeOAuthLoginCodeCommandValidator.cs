using FluentValidation;

namespace Veza.Application.Auth.OAuth.Commands.ExchangeOAuthLoginCode;

public sealed class ExchangeOAuthLoginCodeCommandValidator : AbstractValidator<ExchangeOAuthLoginCodeCommand>
{
    public ExchangeOAuthLoginCodeCommandValidator()
    {
        // The codes handed out are 43 characters; anything much longer is not one.
        RuleFor(x => x.LoginCode).NotEmpty().WithMessage("login_code is required.").MaximumLength(128);
    }
}
