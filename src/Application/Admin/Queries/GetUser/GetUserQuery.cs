using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.ReadModels;
using Veza.Application.Common.Security;
using Veza.Domain.Ports;

namespace Veza.Application.Admin.Queries.GetUser;

[Authorize(Roles = "moderator,admin,super_admin")]
public sealed record GetUserQuery(Guid UserId) : IQuery<AdminUserDetailDto>
{
    public const int RecentAuditLimit = 20;
}

public sealed class GetUserQueryHandler(IAdminReadModel readModel, IClock clock) : IRequestHandler<GetUserQuery, AdminUserDetailDto>
{
    public async Task<AdminUserDetailDto> Handle(GetUserQuery request, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        var user = await readModel.FindUserAsync(request.UserId, now, cancellationToken) ?? throw new NotFoundException("No user with this id.");
        var sessions = await readModel.CountActiveSessionsAsync(request.UserId, now, cancellationToken);
        var audit = await readModel.RecentAuditOfUserAsync(request.UserId, GetUserQuery.RecentAuditLimit, cancellationToken);
        return new AdminUserDetailDto(user, sessions, audit);
    }
}
