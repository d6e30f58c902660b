using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.ReadModels;
using Veza.Domain.Ports;

namespace Veza.Application.Radio.Queries.GetStation;

/// <summary>A station by id (unlisted ones too: the id is the link), with its live state and its people. Open to anyone.</summary>
public sealed record GetStationQuery(Guid StationId) : IQuery<StationDetailDto>;

public sealed record StationDetailDto(StationDto Station, IReadOnlyList<StationMemberDto> Members);

public sealed class GetStationQueryHandler(IRadioReadModel readModel, StationView view, ICurrentUser caller) : IRequestHandler<GetStationQuery, StationDetailDto>
{
    public async Task<StationDetailDto> Handle(GetStationQuery request, CancellationToken cancellationToken)
    {
        var row = await readModel.FindStationAsync(request.StationId, caller.UserId, cancellationToken) ?? throw new NotFoundException("No such station.");
        return new StationDetailDto(view.Of(row), await readModel.ListMembersAsync(row.Id, cancellationToken));
    }
}
