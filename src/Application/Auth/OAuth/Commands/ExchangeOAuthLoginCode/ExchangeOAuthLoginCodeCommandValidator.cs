using FluentValidation;

namespace Veza.Application.Auth.OAuth.Commands.ExchangeOAuthLoginCode;

public sealed class ExchangeOAuthLoginCodeCommandValidator : AbstractValidator<ExchangeOAuthLoginCodeCommand>
{
    public ExchangeOAuthLoginCodeCommandValidator()
    {
        // The codes handed out are 43 characters; anything much longer is not one.
        RuleFor(x => x.LoginCode).NotEmpty().WithMessage("login_code is required.").MaximumLength(128);
        RuleFor(x => x.Binding).NotEmpty().WithMessage("binding is required: the value /auth/oauth/{provider}/start returned to this frontend.").MaximumLength(128);
    }
}
