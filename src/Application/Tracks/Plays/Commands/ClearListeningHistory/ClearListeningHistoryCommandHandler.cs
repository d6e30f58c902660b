using MediatR;
using Veza.Domain.Plays;
using Veza.Domain.Ports;

namespace Veza.Application.Tracks.Plays.Commands.ClearListeningHistory;

public sealed class ClearListeningHistoryCommandHandler(IPlayLog log, ICurrentUser caller) : IRequestHandler<ClearListeningHistoryCommand, Unit>
{
    public async Task<Unit> Handle(ClearListeningHistoryCommand request, CancellationToken cancellationToken)
    {
        await log.ClearHistoryAsync(caller.UserId!.Value, cancellationToken);
        return Unit.Value;
    }
}
