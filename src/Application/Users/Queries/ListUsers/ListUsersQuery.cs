using Veza.Application.Common.Messaging;
using Veza.Application.Common.Models;
using Veza.Application.Common.Security;

namespace Veza.Application.Users.Queries.ListUsers;

/// <summary>The user directory, by username; <see cref="Search"/> matches username and display name (and email, for admins).</summary>
[Authorize]
public sealed record ListUsersQuery(string? Search, PageRequest Paging) : IQuery<PagedResult<UserSummaryDto>>, IPagedQuery;
