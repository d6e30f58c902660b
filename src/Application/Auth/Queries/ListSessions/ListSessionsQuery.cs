using Veza.Application.Common.Messaging;
using Veza.Application.Common.Models;
using Veza.Application.Common.Security;

namespace Veza.Application.Auth.Queries.ListSessions;

/// <summary>The caller's signed-in sessions (devices), the one making the request flagged current.</summary>
[Authorize]
public sealed record ListSessionsQuery(PageRequest Paging) : IQuery<PagedResult<SessionDto>>, IPagedQuery;
