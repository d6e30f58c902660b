using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;
using Veza.Application.Playlists;
using Veza.Application.Users;
using Veza.Domain.Ports;
using Veza.Domain.Resources;

namespace Veza.Application.Resources.Queries.ListResourcePermissions;

/// <summary>Who a resource is shared with and at what level (its owner and admins), by username.</summary>
[Authorize]
public sealed record ListResourcePermissionsQuery(Guid Id) : IQuery<IReadOnlyList<ResourcePermissionDto>>;

public sealed class ListResourcePermissionsQueryHandler(ISharedResourceRepository resources, IResourceReadModel readModel, ICurrentUser caller)
    : IRequestHandler<ListResourcePermissionsQuery, IReadOnlyList<ResourcePermissionDto>>
{
    public async Task<IReadOnlyList<ResourcePermissionDto>> Handle(ListResourcePermissionsQuery request, CancellationToken cancellationToken)
    {
        var (resource, _) = await resources.LoadAsync(request.Id, caller, ResourceAccess.View, cancellationToken);
        if (!resource.MaySeeGrants(caller.UserId, caller.IsAdmin()))
        {
            throw new ForbiddenException("Only its owner sees who a resource is shared with.");
        }

        var names = await readModel.UsernamesAsync([.. resource.Permissions.Select(p => p.UserId)], cancellationToken);
        return [.. resource.Permissions.OrderBy(p => p.GrantedAt).Select(p => new ResourcePermissionDto(new UserRefDto(p.UserId, names[p.UserId]), p.Level, p.GrantedAt))];
    }
}
