using MediatR;
using Veza.Application.Common.Models;
using Veza.Application.Common.ReadModels;
using Veza.Domain.Ports;

namespace Veza.Application.Tracks.Plays.Queries.ListListeningHistory;

public sealed class ListListeningHistoryQueryHandler(ITrackCatalog catalog, ICurrentUser caller)
    : IRequestHandler<ListListeningHistoryQuery, PagedResult<HistoryEntryDto>>
{
    public async Task<PagedResult<HistoryEntryDto>> Handle(ListListeningHistoryQuery request, CancellationToken cancellationToken)
    {
        var page = await catalog.ListHistoryAsync(caller.UserId!.Value, request.Paging, cancellationToken);
        return new PagedResult<HistoryEntryDto>(
            [.. page.Items.Select(p => new HistoryEntryDto(p.PlayedAt, TrackView.For(p.Track, caller.UserId, caller.Role)))], page.Page, page.Limit, page.Total);
    }
}
