using MediatR;
using Veza.Application.Common.ReadModels;
using Veza.Domain.Ports;

namespace Veza.Application.Users.Queries.GetMyStats;

public sealed class GetMyStatsQueryHandler(IUserDirectory directory, ICurrentUser caller) : IRequestHandler<GetMyStatsQuery, UserStatsDto>
{
    public Task<UserStatsDto> Handle(GetMyStatsQuery request, CancellationToken cancellationToken) =>
        directory.StatsAsync(caller.UserId!.Value, cancellationToken);
}
