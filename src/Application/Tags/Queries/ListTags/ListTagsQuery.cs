using Veza.Application.Common.Messaging;
using Veza.Application.Common.Models;
using Veza.Application.Common.Security;

namespace Veza.Application.Tags.Queries.ListTags;

/// <summary>Tags something the caller may see carries, with their usage counts across kinds; <see cref="Q"/> found anywhere in the name; sort usage (default) or name.</summary>
[Authorize]
public sealed record ListTagsQuery(PageRequest Paging, string? Q = null, string? Sort = null) : IQuery<PagedResult<TagDto>>, IPagedQuery;
