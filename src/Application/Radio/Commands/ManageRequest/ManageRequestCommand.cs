using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.ReadModels;
using Veza.Application.Common.Security;
using Veza.Domain.Ports;
using Veza.Domain.Radio;

namespace Veza.Application.Radio.Commands.ManageRequest;

/// <summary>
/// The owner or a DJ reorders the queue (<paramref name="Priority"/>: higher plays sooner, whatever the
/// votes) or removes a request (<paramref name="Remove"/>). Answers the queue.
/// </summary>
[Authorize]
public sealed record ManageRequestCommand(Guid RequestId, int? Priority, bool Remove) : ICommand<IReadOnlyList<QueuedRequestDto>>;

public sealed class ManageRequestCommandHandler(
    IStationRepository stations, IStationRequestRepository requests, IRadioReadModel readModel, IUnitOfWork unitOfWork, ICurrentUser caller, IClock clock)
    : IRequestHandler<ManageRequestCommand, IReadOnlyList<QueuedRequestDto>>
{
    public async Task<IReadOnlyList<QueuedRequestDto>> Handle(ManageRequestCommand request, CancellationToken cancellationToken)
    {
        var found = await requests.GetAsync(request.RequestId, cancellationToken) ?? throw new NotFoundException("No such request.");
        RadioAccess.EnsureRunBy(await RadioAccess.StationAsync(stations, found.StationId, cancellationToken), caller);
        var changed = request.Remove ? found.Remove(clock.UtcNow) : found.Prioritize(request.Priority ?? 0);
        if (!changed)
        {
            throw new InvalidStateException("The request was already played or removed.", "request_id", "ended");
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        return await readModel.QueueAsync(found.StationId, caller.UserId, cancellationToken);
    }
}
