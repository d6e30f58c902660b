using FluentValidation;

namespace Veza.Application.Auth.Commands.RefreshSession;

public sealed class RefreshSessionCommandValidator : AbstractValidator<RefreshSessionCommand>
{
    public RefreshSessionCommandValidator()
    {
        RuleFor(x => x.RefreshToken).NotEmpty().WithMessage("refresh_token is required.").MaximumLength(512);
    }
}
