using MediatR;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.ReadModels;
using Veza.Application.Common.Security;
using Veza.Domain.Ports;

namespace Veza.Application.Admin.Queries.GetDashboard;

[Authorize(Roles = "moderator,admin,super_admin")]
public sealed record GetDashboardQuery : IQuery<DashboardDto>;

public sealed class GetDashboardQueryHandler(IAdminReadModel readModel, IClock clock) : IRequestHandler<GetDashboardQuery, DashboardDto>
{
    public Task<DashboardDto> Handle(GetDashboardQuery request, CancellationToken cancellationToken) =>
        readModel.GetDashboardAsync(clock.UtcNow, cancellationToken);
}
