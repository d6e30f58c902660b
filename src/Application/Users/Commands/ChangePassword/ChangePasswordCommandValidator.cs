using FluentValidation;
using Veza.Domain.Ports;

namespace Veza.Application.Users.Commands.ChangePassword;

public sealed class ChangePasswordCommandValidator : AbstractValidator<ChangePasswordCommand>
{
    public ChangePasswordCommandValidator(ICommonPasswordList commonPasswords)
    {
        RuleFor(x => x.CurrentPassword).SubmittedPassword("Current password is required.");
        RuleFor(x => x.NewPassword).AcceptablePassword(commonPasswords)
            .NotEqual(x => x.CurrentPassword).WithMessage("The new password must differ from the current one.");
    }
}
