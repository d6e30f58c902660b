using FluentValidation;
using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;
using Veza.Application.Marketplace;
using Veza.Application.Users;
using Veza.Domain.Common;
using Veza.Domain.Ports;
using Veza.Domain.Resources;
using Veza.Domain.Users;

namespace Veza.Application.Resources.Commands.SetResourcePermission;

/// <summary>Grants a user view, download or edit on a resource, or changes their level (the owner only).</summary>
[Authorize]
public sealed record SetResourcePermissionCommand(Guid Id, Guid? UserId, string? Level) : ICommand<ResourcePermissionDto>;

public sealed class SetResourcePermissionCommandValidator : AbstractValidator<SetResourcePermissionCommand>
{
    public SetResourcePermissionCommandValidator()
    {
        RuleFor(c => c.UserId).NotNull().OverridePropertyName("user_id").WithMessage("user_id is required.");
        RuleFor(c => c.Level).NotEmpty().WithMessage($"level is required: one of {string.Join(", ", WireNames.All<ResourcePermissionLevel>())}.").OneOf<SetResourcePermissionCommand, ResourcePermissionLevel>("level");
    }
}

public sealed class SetResourcePermissionCommandHandler(ISharedResourceRepository resources, IUserRepository users, IClock clock, ICurrentUser caller)
    : IRequestHandler<SetResourcePermissionCommand, ResourcePermissionDto>
{
    public async Task<ResourcePermissionDto> Handle(SetResourcePermissionCommand request, CancellationToken cancellationToken)
    {
        var (resource, _) = await resources.LoadAsync(request.Id, caller, ResourceAccess.Own, cancellationToken);
        var user = await users.GetByIdAsync(request.UserId!.Value, cancellationToken);
        if (user is null || user.Status == AccountStatus.Deleted)
        {
            throw new RequestValidationException([new FieldError("user_id", "No user with this id.")]);
        }

        var level = WireNames.Parse<ResourcePermissionLevel>(request.Level!);
        if (!resource.Grant(user.Id, level, clock.UtcNow))
        {
            throw new DomainException("The owner needs no permission on their own resource.");
        }

        var grant = resource.Permissions.Single(p => p.UserId == user.Id);
        return new ResourcePermissionDto(new UserRefDto(user.Id, user.Username), grant.Level, grant.GrantedAt);
    }
}
