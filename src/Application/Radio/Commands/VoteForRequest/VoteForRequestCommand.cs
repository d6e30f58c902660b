using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.ReadModels;
using Veza.Application.Common.Security;
using Veza.Domain.Ports;
using Veza.Domain.Radio;

namespace Veza.Application.Radio.Commands.VoteForRequest;

/// <summary>A listener votes for a pending request (once each; voting again changes nothing). Answers the queue in its new order.</summary>
[Authorize]
public sealed record VoteForRequestCommand(Guid RequestId) : ICommand<IReadOnlyList<QueuedRequestDto>>;

public sealed class VoteForRequestCommandHandler(IStationRequestRepository requests, IRadioReadModel readModel, IUnitOfWork unitOfWork, ICurrentUser caller, IClock clock)
    : IRequestHandler<VoteForRequestCommand, IReadOnlyList<QueuedRequestDto>>
{
    public async Task<IReadOnlyList<QueuedRequestDto>> Handle(VoteForRequestCommand request, CancellationToken cancellationToken)
    {
        var found = await requests.GetAsync(request.RequestId, cancellationToken) ?? throw new NotFoundException("No such request.");
        if (found.Status != StationRequestStatus.Pending)
        {
            throw new InvalidStateException("The request was already played or removed.", "request_id", found.Status == StationRequestStatus.Played ? "played" : "removed");
        }

        found.Vote(caller.UserId!.Value, clock.UtcNow);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return await readModel.QueueAsync(found.StationId, caller.UserId, cancellationToken);
    }
}
