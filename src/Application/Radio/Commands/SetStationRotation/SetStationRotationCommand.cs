using FluentValidation;
using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.ReadModels;
using Veza.Application.Common.Security;
using Veza.Domain.Ports;
using Veza.Domain.Radio;

namespace Veza.Application.Radio.Commands.SetStationRotation;

/// <summary>
/// The owner chooses what the auto-DJ plays: the tracks of one or more playlists the owner may see, and/or
/// tags (their public tracks), shuffled without repeating a track within <paramref name="NoRepeatWindow"/>.
/// </summary>
[Authorize]
public sealed record SetStationRotationCommand(Guid StationId, IReadOnlyList<Guid> PlaylistIds, IReadOnlyList<string> Tags, int NoRepeatWindow = 20) : ICommand<StationDto>;

public sealed class SetStationRotationCommandValidator : AbstractValidator<SetStationRotationCommand>
{
    public SetStationRotationCommandValidator()
    {
        RuleFor(c => c.PlaylistIds.Count + c.Tags.Count).LessThanOrEqualTo(Station.MaxRotationSources).WithName("playlist_ids").WithMessage($"A rotation has at most {Station.MaxRotationSources} playlists and tags.");
        RuleFor(c => c.NoRepeatWindow).InclusiveBetween(0, 500);
        RuleForEach(c => c.Tags).NotEmpty().MaximumLength(50);
    }
}

public sealed class SetStationRotationCommandHandler(
    IStationRepository stations, IPlaylistReadModel playlists, IRadioReadModel readModel, StationView view, IUnitOfWork unitOfWork, ICurrentUser caller, IClock clock)
    : IRequestHandler<SetStationRotationCommand, StationDto>
{
    public async Task<StationDto> Handle(SetStationRotationCommand request, CancellationToken cancellationToken)
    {
        var station = await RadioAccess.StationAsync(stations, request.StationId, cancellationToken);
        RadioAccess.EnsureOwner(station, caller);
        foreach (var playlistId in request.PlaylistIds)
        {
            // A private playlist of someone else is not the owner's to broadcast.
            if (await playlists.FindAsync(playlistId, caller.UserId, false, cancellationToken) is null)
            {
                throw new RequestValidationException([new FieldError("playlist_ids", $"No such playlist: {playlistId}.")]);
            }
        }

        station.SetRotation(request.PlaylistIds, request.Tags, request.NoRepeatWindow, clock.UtcNow);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        var row = await readModel.FindStationAsync(station.Id, caller.UserId, cancellationToken) ?? throw new NotFoundException("No such station.");
        return view.Of(row);
    }
}
