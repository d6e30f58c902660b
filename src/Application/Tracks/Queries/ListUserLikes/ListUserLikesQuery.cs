using Veza.Application.Common.Messaging;
using Veza.Application.Common.Models;
using Veza.Application.Common.Security;

namespace Veza.Application.Tracks.Queries.ListUserLikes;

/// <summary>
/// The tracks a user likes, newest like first, among those listed for the caller (public, ready, not hidden,
/// or the caller's own). 404 for an unknown or deleted user.
/// </summary>
[Authorize]
public sealed record ListUserLikesQuery(Guid UserId, PageRequest Paging) : IQuery<PagedResult<TrackDto>>, IPagedQuery;
