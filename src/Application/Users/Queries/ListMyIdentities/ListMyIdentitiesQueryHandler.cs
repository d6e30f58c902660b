using MediatR;
using Veza.Domain.Identities;
using Veza.Domain.Ports;

namespace Veza.Application.Users.Queries.ListMyIdentities;

public sealed class ListMyIdentitiesQueryHandler(IUserIdentityRepository identities, ICurrentUser caller)
    : IRequestHandler<ListMyIdentitiesQuery, IReadOnlyList<IdentityDto>>
{
    // At most one row per provider: reading the entities is as cheap as a projection.
    public async Task<IReadOnlyList<IdentityDto>> Handle(ListMyIdentitiesQuery request, CancellationToken cancellationToken) =>
        (await identities.ListForUserAsync(caller.UserId!.Value, cancellationToken))
            .OrderBy(i => i.LinkedAt)
            .Select(i => new IdentityDto(i.Provider.ToName(), i.Email, i.LinkedAt))
            .ToArray();
}
