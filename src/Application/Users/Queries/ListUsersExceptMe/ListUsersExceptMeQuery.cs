using Veza.Application.Common.Messaging;
using Veza.Application.Common.Models;
using Veza.Application.Common.Security;

namespace Veza.Application.Users.Queries.ListUsersExceptMe;

/// <summary>The user directory without the caller (people to discover), by username.</summary>
[Authorize]
public sealed record ListUsersExceptMeQuery(PageRequest Paging) : IQuery<PagedResult<UserSummaryDto>>, IPagedQuery;
