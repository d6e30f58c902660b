using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;

namespace Veza.Application.Users.Queries.GetMyStats;

[Authorize]
public sealed record GetMyStatsQuery : IQuery<UserStatsDto>;
