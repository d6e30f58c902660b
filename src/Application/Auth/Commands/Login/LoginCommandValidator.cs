using FluentValidation;
using Veza.Application.Users;
using Veza.Domain.Users;

namespace Veza.Application.Auth.Commands.Login;

public sealed class LoginCommandValidator : AbstractValidator<LoginCommand>
{
    public LoginCommandValidator()
    {
        // An email is the longer of the two shapes a login takes; anything longer cannot match an account.
        RuleFor(x => x.Login).NotEmpty().WithMessage("Login (email or username) is required.").MaximumLength(EmailRules.MaxLength);
        RuleFor(x => x.Password).SubmittedPassword();
    }
}
