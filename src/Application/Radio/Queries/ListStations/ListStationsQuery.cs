using MediatR;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Models;
using Veza.Application.Common.ReadModels;
using Veza.Application.Tracks;
using Veza.Domain.Ports;

namespace Veza.Application.Radio.Queries.ListStations;

/// <summary>Public stations, live ones first (then most listened, then newest), each with its listeners and what it plays. Open to anyone.</summary>
public sealed record ListStationsQuery(PageRequest Paging) : IQuery<PagedResult<StationDto>>, IPagedQuery;

public sealed class ListStationsQueryHandler(IRadioReadModel readModel, StationView view, ICurrentUser caller) : IRequestHandler<ListStationsQuery, PagedResult<StationDto>>
{
    public async Task<PagedResult<StationDto>> Handle(ListStationsQuery request, CancellationToken cancellationToken)
    {
        // Live state is in the playout, not the database: order the whole listing by it, then page (stations are few).
        var all = await readModel.ListStationsAsync(caller.UserId, TrackView.IsAdmin(caller.Role), new PageRequest(1, int.MaxValue), cancellationToken);
        // Ordered by live state, then only the page is turned into DTOs (each signs its URLs).
        var page = all.Items.Select(row => (Row: row, Live: view.LiveStateOf(row.Id)))
            .OrderByDescending(s => s.Live.Live).ThenByDescending(s => s.Live.Listeners).ThenByDescending(s => s.Row.CreatedAt)
            .Skip(request.Paging.Offset).Take(request.Paging.Limit)
            .Select(s => view.Of(s.Row, s.Live)).ToList();
        return new PagedResult<StationDto>(page, request.Paging.Page, request.Paging.Limit, all.Total);
    }
}
