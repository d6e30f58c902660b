using MediatR;
using Veza.Application.Common.Behaviours;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;
using Veza.Application.Playlists;
using Veza.Domain.Ports;
using Veza.Domain.Resources;

namespace Veza.Application.Resources.Commands.DeleteResource;

/// <summary>Deletes a resource with every version (owner or admin); its files go once the deletion commits.</summary>
[Authorize]
public sealed record DeleteResourceCommand(Guid Id) : ICommand<Unit>;

public sealed class DeleteResourceCommandHandler(ISharedResourceRepository resources, IFileStorage storage, RollbackActions rollback, IClock clock, ICurrentUser caller)
    : IRequestHandler<DeleteResourceCommand, Unit>
{
    public async Task<Unit> Handle(DeleteResourceCommand request, CancellationToken cancellationToken)
    {
        var (resource, _) = await resources.LoadAsync(request.Id, caller, ResourceAccess.View, cancellationToken);
        if (!resource.MayDelete(caller.UserId, caller.IsAdmin()))
        {
            throw new ForbiddenException("Only its owner or an admin deletes a resource.");
        }

        resource.Delete(clock.UtcNow);
        resources.Remove(resource);
        rollback.AfterCommit(ct => storage.DeletePrefixAsync(ResourceFiles.Folder(resource.Id), ct));
        return Unit.Value;
    }
}
