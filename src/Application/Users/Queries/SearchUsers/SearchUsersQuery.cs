using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;

namespace Veza.Application.Users.Queries.SearchUsers;

/// <summary>Quick search (typeahead): exact matches first, then prefixes, then the rest; at most <see cref="Limit"/>.</summary>
[Authorize]
public sealed record SearchUsersQuery(string Q, int Limit = SearchUsersQuery.DefaultLimit) : IQuery<IReadOnlyList<UserSummaryDto>>
{
    public const int DefaultLimit = 10;
    public const int MaxLimit = 50;
}
