using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.ReadModels;
using Veza.Application.Common.Security;
using Veza.Domain.Ports;
using Veza.Domain.Radio;

namespace Veza.Application.Radio.Commands.RequestTrack;

/// <summary>
/// A listener asks the station to play a track the radio may play (ready, public, its owner consenting);
/// limited per listener and per track (<see cref="RadioSettings"/>). Answers the station's queue.
/// </summary>
[Authorize]
public sealed record RequestTrackCommand(Guid StationId, Guid TrackId) : ICommand<IReadOnlyList<QueuedRequestDto>>;

public sealed class RequestTrackCommandHandler(
    IStationRepository stations, IStationRequestRepository requests, IRadioReadModel readModel, IUnitOfWork unitOfWork, RadioSettings settings, ICurrentUser caller, IClock clock)
    : IRequestHandler<RequestTrackCommand, IReadOnlyList<QueuedRequestDto>>
{
    public async Task<IReadOnlyList<QueuedRequestDto>> Handle(RequestTrackCommand request, CancellationToken cancellationToken)
    {
        var userId = caller.UserId!.Value;
        var station = await RadioAccess.StationAsync(stations, request.StationId, cancellationToken);
        if (await readModel.PlayableAsync(request.TrackId, cancellationToken) is null)
        {
            throw new RequestValidationException([new FieldError("track_id", "The radio cannot play this track (not ready, not public, or its owner keeps it off the radio).")]);
        }

        var now = clock.UtcNow;
        if (await requests.CountByRequesterSinceAsync(station.Id, userId, now - settings.RequestWindow, cancellationToken) >= settings.RequestsPerListener)
        {
            throw new RateLimitedException(settings.RequestWindow, $"At most {settings.RequestsPerListener} requests per listener in {settings.RequestWindow.TotalMinutes:0} minutes.");
        }

        if (await requests.TrackRequestedSinceAsync(station.Id, request.TrackId, now - settings.TrackCooldown, cancellationToken))
        {
            throw new ConflictException("This track was requested here a short while ago: vote for it instead.", "track_id");
        }

        requests.Add(StationRequest.Make(station.Id, request.TrackId, userId, now));
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return await readModel.QueueAsync(station.Id, userId, cancellationToken);
    }
}
