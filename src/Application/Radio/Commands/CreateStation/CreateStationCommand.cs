using FluentValidation;
using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.ReadModels;
using Veza.Application.Common.Security;
using Veza.Domain.Chat;
using Veza.Domain.Ports;
using Veza.Domain.Radio;

namespace Veza.Application.Radio.Commands.CreateStation;

/// <summary>Opens a station owned by the caller, with its chat room (public, named after the slug). The slug is unique.</summary>
[Authorize]
public sealed record CreateStationCommand(string Name, string Slug, string? Description = null, string? Genre = null, string Visibility = "public") : ICommand<StationDto>;

public sealed class CreateStationCommandValidator : AbstractValidator<CreateStationCommand>
{
    public CreateStationCommandValidator() =>
        this.StationFields(c => c.Name, c => c.Slug, c => c.Description, c => c.Genre, c => c.Visibility, required: true);
}

public sealed class CreateStationCommandHandler(
    IStationRepository stations, IChatRoomRepository rooms, IRadioReadModel readModel, StationView view, IUnitOfWork unitOfWork, ICurrentUser caller, IClock clock)
    : IRequestHandler<CreateStationCommand, StationDto>
{
    public async Task<StationDto> Handle(CreateStationCommand request, CancellationToken cancellationToken)
    {
        var ownerId = caller.UserId!.Value;
        var now = clock.UtcNow;
        var visibility = StationNames.TryParseVisibility(request.Visibility, out var parsed) ? parsed : StationVisibility.Public;
        var room = ChatRoom.Create(ownerId, $"Radio {request.Slug}", $"The chat of the station {request.Name.Trim()}.", false, now);
        rooms.Add(room);
        var station = Station.Create(ownerId, room.Id, request.Name, request.Slug, request.Description, request.Genre, visibility, now);
        stations.Add(station);
        // Saved now so a taken slug is a 409 here; the room is named after the slug, so its name is taken alike.
        try
        {
            await unitOfWork.SaveChangesAsync(cancellationToken);
        }
        catch (ConflictException)
        {
            throw new ConflictException("A station (or a chat room) already uses this slug.", "slug");
        }

        var row = await readModel.FindStationAsync(station.Id, ownerId, cancellationToken) ?? throw new NotFoundException("No such station.");
        return view.Of(row);
    }
}
