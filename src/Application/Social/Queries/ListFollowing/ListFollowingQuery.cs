using Veza.Application.Common.Messaging;
using Veza.Application.Common.Models;
using Veza.Application.Common.Security;
using Veza.Application.Users;

namespace Veza.Application.Social.Queries.ListFollowing;

/// <summary>Whom the user follows, newest first. Only for whoever sees the whole profile (<see cref="ProfileView"/>); others 403.</summary>
[Authorize]
public sealed record ListFollowingQuery(Guid UserId, PageRequest Paging) : IQuery<PagedResult<UserSummaryDto>>, IPagedQuery;
