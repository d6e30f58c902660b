using Veza.Application.Common.Messaging;
using Veza.Application.Common.Models;
using Veza.Application.Common.Security;

namespace Veza.Application.Tracks.Queries.ListUserTracks;

/// <summary>A user's listed tracks (public, ready, not hidden); all of them for the user themself. 404 for an unknown or deleted user.</summary>
[Authorize]
public sealed record ListUserTracksQuery(Guid UserId, PageRequest Paging, string? Sort = null) : IQuery<PagedResult<TrackDto>>, IPagedQuery;
