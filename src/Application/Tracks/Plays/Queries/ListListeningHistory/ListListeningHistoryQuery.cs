using Veza.Application.Common.Messaging;
using Veza.Application.Common.Models;
using Veza.Application.Common.Security;

namespace Veza.Application.Tracks.Plays.Queries.ListListeningHistory;

/// <summary>
/// The caller's plays, newest first, one entry per counted play, with the track as the caller sees it now
/// (a track since made private by someone else, hidden or deleted drops out).
/// </summary>
[Authorize]
public sealed record ListListeningHistoryQuery(PageRequest Paging) : IQuery<PagedResult<HistoryEntryDto>>, IPagedQuery;

public sealed record HistoryEntryDto(DateTimeOffset PlayedAt, TrackDto Track);
