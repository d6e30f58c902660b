using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.ReadModels;
using Veza.Domain.Ports;

namespace Veza.Application.Radio.Queries.GetStationQueue;

/// <summary>The station's pending requests in the order they will play. Open to anyone.</summary>
public sealed record GetStationQueueQuery(Guid StationId) : IQuery<IReadOnlyList<QueuedRequestDto>>;

public sealed class GetStationQueueQueryHandler(IRadioReadModel readModel, ICurrentUser caller) : IRequestHandler<GetStationQueueQuery, IReadOnlyList<QueuedRequestDto>>
{
    public async Task<IReadOnlyList<QueuedRequestDto>> Handle(GetStationQueueQuery request, CancellationToken cancellationToken)
    {
        _ = await readModel.FindStationAsync(request.StationId, caller.UserId, cancellationToken) ?? throw new NotFoundException("No such station.");
        return await readModel.QueueAsync(request.StationId, caller.UserId, cancellationToken);
    }
}
