using MediatR;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;
using Veza.Domain.Ports;
using Veza.Domain.Resources;

namespace Veza.Application.Resources.Queries.ListResourceVersions;

/// <summary>Every version of a resource the caller may view, newest first.</summary>
[Authorize]
public sealed record ListResourceVersionsQuery(Guid Id) : IQuery<IReadOnlyList<ResourceVersionDto>>;

public sealed class ListResourceVersionsQueryHandler(ISharedResourceRepository resources, ICurrentUser caller) : IRequestHandler<ListResourceVersionsQuery, IReadOnlyList<ResourceVersionDto>>
{
    public async Task<IReadOnlyList<ResourceVersionDto>> Handle(ListResourceVersionsQuery request, CancellationToken cancellationToken)
    {
        var (resource, _) = await resources.LoadAsync(request.Id, caller, ResourceAccess.View, cancellationToken);
        return [.. resource.Versions.OrderByDescending(v => v.Number).Select(ResourceProjection.ToDto)];
    }
}
