using MediatR;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;
using Veza.Domain.Ports;

namespace Veza.Application.Admin.Queries.GetSettings;

[Authorize(Roles = "admin,super_admin")]
public sealed record GetSettingsQuery : IQuery<RuntimeSettingsDto>;

public sealed class GetSettingsQueryHandler(IRuntimeSettings settings) : IRequestHandler<GetSettingsQuery, RuntimeSettingsDto>
{
    public async Task<RuntimeSettingsDto> Handle(GetSettingsQuery request, CancellationToken cancellationToken) =>
        RuntimeSettingsDto.From(await settings.GetAsync(cancellationToken));
}
