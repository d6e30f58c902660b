using FluentValidation;
using Veza.Application.Auth.AccountTokens;
using Veza.Application.Users;
using Veza.Domain.Ports;

namespace Veza.Application.Auth.Commands.ResetPassword;

public sealed class ResetPasswordCommandValidator : AbstractValidator<ResetPasswordCommand>
{
    public ResetPasswordCommandValidator(ICommonPasswordList commonPasswords)
    {
        RuleFor(x => x.Token).EmailedToken();
        RuleFor(x => x.NewPassword).AcceptablePassword(commonPasswords);
    }
}
