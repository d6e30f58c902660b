using FluentValidation;
using Veza.Domain.Users;

namespace Veza.Application.Admin.Commands.UpdateUser;

public sealed class UpdateUserCommandValidator : AbstractValidator<UpdateUserCommand>
{
    public const int ReasonMaxLength = 500;

    public UpdateUserCommandValidator()
    {
        RuleFor(x => x).Must(x => x.Role is not null || x.Status is not null || x.Plan is not null)
            .OverridePropertyName("body").WithMessage("Give at least one of role, status or plan.");
        RuleFor(x => x.Role).Must(r => RoleNames.TryParse(r, out _)).When(x => x.Role is not null)
            .WithMessage("role must be one of: user, moderator, admin, super_admin.");
        RuleFor(x => x.Status).Must(s => s is "active" or "suspended" or "banned").When(x => x.Status is not null)
            .WithMessage("status must be one of: active, suspended, banned.");
        RuleFor(x => x.Plan).Must(p => AccountNames.TryParsePlan(p, out _)).When(x => x.Plan is not null)
            .WithMessage("plan must be one of: free, pro.");
        RuleFor(x => x.Reason).NotEmpty().When(x => x.Status is "suspended" or "banned")
            .WithMessage("A reason is required to suspend or ban an account.");
        RuleFor(x => x.Reason).MaximumLength(ReasonMaxLength).WithMessage($"reason must be at most {ReasonMaxLength} characters.");
        RuleFor(x => x.Until).Null().When(x => x.Status != "suspended")
            .WithMessage("until applies only with status suspended.");
    }
}
