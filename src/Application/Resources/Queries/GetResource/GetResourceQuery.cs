using MediatR;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;
using Veza.Domain.Ports;
using Veza.Domain.Resources;

namespace Veza.Application.Resources.Queries.GetResource;

/// <summary>A resource the caller may view (404 otherwise), with what they may do with it.</summary>
[Authorize]
public sealed record GetResourceQuery(Guid Id) : IQuery<SharedResourceDto>;

public sealed class GetResourceQueryHandler(ISharedResourceRepository resources, IResourceReadModel readModel, ICurrentUser caller) : IRequestHandler<GetResourceQuery, SharedResourceDto>
{
    public async Task<SharedResourceDto> Handle(GetResourceQuery request, CancellationToken cancellationToken)
    {
        var (resource, access) = await resources.LoadAsync(request.Id, caller, ResourceAccess.View, cancellationToken);
        return await readModel.ProjectAsync(resource, access, cancellationToken);
    }
}
