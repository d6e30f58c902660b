using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;
using Veza.Domain.Ports;
using Veza.Domain.Resources;

namespace Veza.Application.Resources.Commands.RevokeResourcePermission;

/// <summary>Takes a user's grant away (the owner only); 404 when they had none.</summary>
[Authorize]
public sealed record RevokeResourcePermissionCommand(Guid Id, Guid UserId) : ICommand<Unit>;

public sealed class RevokeResourcePermissionCommandHandler(ISharedResourceRepository resources, IClock clock, ICurrentUser caller)
    : IRequestHandler<RevokeResourcePermissionCommand, Unit>
{
    public async Task<Unit> Handle(RevokeResourcePermissionCommand request, CancellationToken cancellationToken)
    {
        var (resource, _) = await resources.LoadAsync(request.Id, caller, ResourceAccess.Own, cancellationToken);
        return resource.Revoke(request.UserId, clock.UtcNow) ? Unit.Value : throw new NotFoundException("This user has no permission on this resource.");
    }
}
