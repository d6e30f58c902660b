using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Domain.Auditing;
using Veza.Domain.Ports;
using Veza.Domain.Users;

namespace Veza.Application.Admin.Commands.UpdateUser;

public sealed class UpdateUserCommandHandler(IUserRepository users, AccountModeration moderation, IAuditTrail audit, IClock clock, ICurrentUser caller)
    : IRequestHandler<UpdateUserCommand, AdminUserDto>
{
    public async Task<AdminUserDto> Handle(UpdateUserCommand request, CancellationToken cancellationToken)
    {
        var actor = Actor.From(caller);
        var target = await users.GetByIdAsync(request.UserId, cancellationToken);
        if (target is null || target.Status == AccountStatus.Deleted)
        {
            throw new NotFoundException("No user with this id.");
        }

        if (request.Role is not null && RoleNames.TryParse(request.Role, out var role))
        {
            await moderation.ChangeRoleAsync(actor, target, role, cancellationToken);
        }

        if (request.Status is not null && AccountNames.TryParseStatus(request.Status, out var status))
        {
            await moderation.ChangeStatusAsync(actor, target, status, request.Reason, request.Until, cancellationToken);
        }

        var now = clock.UtcNow;
        if (request.Plan is not null && AccountNames.TryParsePlan(request.Plan, out var plan) && target.Plan != plan)
        {
            var previous = target.Plan;
            target.ChangePlan(plan, now);
            audit.Record(AuditActions.PlanChange, AuditOutcomes.Success, actor.UserId, $"{previous.ToName()} -> {plan.ToName()}", AuditTargets.User(target.Id));
        }

        return AdminUserDto.From(target, now);
    }
}
