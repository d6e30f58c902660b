using FluentValidation;
using Veza.Application.Users;
using Veza.Domain.Ports;

namespace Veza.Application.Auth.Commands.Register;

public sealed class RegisterCommandValidator : AbstractValidator<RegisterCommand>
{
    public RegisterCommandValidator(ICommonPasswordList commonPasswords)
    {
        RuleFor(x => x.Username).ValidUsername();
        RuleFor(x => x.Email).ValidEmail();
        RuleFor(x => x.Password).AcceptablePassword(commonPasswords);
    }
}
