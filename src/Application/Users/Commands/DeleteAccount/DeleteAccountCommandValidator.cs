using FluentValidation;

namespace Veza.Application.Users.Commands.DeleteAccount;

public sealed class DeleteAccountCommandValidator : AbstractValidator<DeleteAccountCommand>
{
    public DeleteAccountCommandValidator() => RuleFor(c => c.Password).SubmittedPassword();
}
