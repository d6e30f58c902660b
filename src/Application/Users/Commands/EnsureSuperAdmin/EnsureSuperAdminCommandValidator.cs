using FluentValidation;
using Veza.Domain.Ports;

namespace Veza.Application.Users.Commands.EnsureSuperAdmin;

public sealed class EnsureSuperAdminCommandValidator : AbstractValidator<EnsureSuperAdminCommand>
{
    public EnsureSuperAdminCommandValidator(ICommonPasswordList commonPasswords)
    {
        RuleFor(x => x.Username).ValidUsername();
        RuleFor(x => x.Email).ValidEmail();
        RuleFor(x => x.Password).AcceptablePassword(commonPasswords);
    }
}
