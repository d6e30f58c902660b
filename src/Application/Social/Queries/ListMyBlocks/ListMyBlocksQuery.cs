using Veza.Application.Common.Messaging;
using Veza.Application.Common.Models;
using Veza.Application.Common.Security;
using Veza.Application.Users;

namespace Veza.Application.Social.Queries.ListMyBlocks;

/// <summary>The users the caller blocks, newest first.</summary>
[Authorize]
public sealed record ListMyBlocksQuery(PageRequest Paging) : IQuery<PagedResult<UserSummaryDto>>, IPagedQuery;
