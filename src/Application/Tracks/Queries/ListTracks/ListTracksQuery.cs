using Veza.Application.Common.Messaging;
using Veza.Application.Common.Models;
using Veza.Application.Common.Security;

namespace Veza.Application.Tracks.Queries.ListTracks;

/// <summary>
/// The catalogue: public, ready, not hidden tracks, filtered and sorted. With <see cref="UserId"/> naming the
/// caller ("me" or their id) it is the owner's view: all their tracks, whatever their state.
/// </summary>
/// <param name="UserId">A user id or "me".</param>
/// <param name="Sort">new (default), popular (most liked) or plays.</param>
[Authorize]
public sealed record ListTracksQuery(
    PageRequest Paging, string? Tag = null, string? Genre = null, string? UserId = null, string? Q = null, string? Sort = null) : IQuery<PagedResult<TrackDto>>, IPagedQuery
{
    public const string Me = "me";
}
