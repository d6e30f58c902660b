using MediatR;
using Veza.Application.Common.Security;
using Veza.Domain.Ports;
using Veza.Domain.Radio;

namespace Veza.Application.Radio.Commands.SkipTrack;

/// <summary>The owner or a DJ ends the current track; the next one follows at once. Not stored: not a transactional command.</summary>
[Authorize]
public sealed record SkipTrackCommand(Guid StationId) : IRequest<Unit>;

public sealed class SkipTrackCommandHandler(IStationRepository stations, IRadioPlayout playout, ICurrentUser caller) : IRequestHandler<SkipTrackCommand, Unit>
{
    public async Task<Unit> Handle(SkipTrackCommand request, CancellationToken cancellationToken)
    {
        RadioAccess.EnsureRunBy(await RadioAccess.StationAsync(stations, request.StationId, cancellationToken), caller);
        await playout.SkipAsync(request.StationId, cancellationToken);
        return Unit.Value;
    }
}
