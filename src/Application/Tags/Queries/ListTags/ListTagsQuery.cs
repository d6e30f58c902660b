using Veza.Application.Common.Messaging;
using Veza.Application.Common.Models;
using Veza.Application.Common.Security;

namespace Veza.Application.Tags.Queries.ListTags;

/// <summary>Tags carried by at least one track, with their usage counts; <see cref="Q"/> found anywhere in the name; sort usage (default) or name.</summary>
[Authorize]
public sealed record ListTagsQuery(PageRequest Paging, string? Q = null, string? Sort = null) : IQuery<PagedResult<TagDto>>, IPagedQuery;
