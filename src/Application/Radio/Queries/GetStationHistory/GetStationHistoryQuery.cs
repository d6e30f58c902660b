using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Models;
using Veza.Application.Common.ReadModels;
using Veza.Domain.Ports;

namespace Veza.Application.Radio.Queries.GetStationHistory;

/// <summary>What the station played, the most recent first, with how many listened. Open to anyone.</summary>
public sealed record GetStationHistoryQuery(Guid StationId, PageRequest Paging) : IQuery<PagedResult<StationPlayDto>>, IPagedQuery;

public sealed class GetStationHistoryQueryHandler(IRadioReadModel readModel, ICurrentUser caller) : IRequestHandler<GetStationHistoryQuery, PagedResult<StationPlayDto>>
{
    public async Task<PagedResult<StationPlayDto>> Handle(GetStationHistoryQuery request, CancellationToken cancellationToken)
    {
        _ = await readModel.FindStationAsync(request.StationId, caller.UserId, cancellationToken) ?? throw new NotFoundException("No such station.");
        return await readModel.HistoryAsync(request.StationId, request.Paging, cancellationToken);
    }
}
