using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.ReadModels;
using Veza.Application.Tracks.EventHandlers;
using Veza.Domain.Ports;
using Veza.Domain.Tracks;
using Veza.Domain.Users;

namespace Veza.Application.Tracks.Processing.Queries.GetTrackProcessing;

public sealed class GetTrackProcessingQueryHandler(ITrackProcessingReadModel readModel, ICurrentUser caller)
    : IRequestHandler<GetTrackProcessingQuery, TrackProcessingDto>
{
    public async Task<TrackProcessingDto> Handle(GetTrackProcessingQuery request, CancellationToken cancellationToken)
    {
        var view = await readModel.GetAsync(request.TrackId, cancellationToken);
        // Someone else's track is not found, not forbidden: its existence is not theirs to learn.
        if (view is null || (view.OwnerId != caller.UserId && caller.Role is not (Role.Admin or Role.SuperAdmin)))
        {
            throw new NotFoundException("Track not found.");
        }

        return new TrackProcessingDto(
            request.TrackId,
            view.Status.ToName(),
            TrackFailureDto.From(view.Failure),
            // A step with no row yet (the job has not started) is pending.
            [.. TrackStepNames.All.Select(step => step.ToName()).Select(name => view.Steps.FirstOrDefault(s => s.Step == name) is { } s
                ? new TrackStepDto(name, s.State, s.StartedAt, s.FinishedAt, s.Detail)
                : new TrackStepDto(name, TrackStepState.Pending.ToName(), null, null, null))]);
    }
}
