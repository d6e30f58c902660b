using FluentValidation;
using Veza.Application.Users;

namespace Veza.Application.Auth.Commands.Login;

public sealed class LoginCommandValidator : AbstractValidator<LoginCommand>
{
    public LoginCommandValidator()
    {
        RuleFor(x => x.Login).NotEmpty().WithMessage("Login (email or username) is required.").MaximumLength(254);
        RuleFor(x => x.Password).NotEmpty().WithMessage("Password is required.").MaximumLength(PasswordRules.MaxLength);
    }
}
