using FluentValidation;
using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.ReadModels;
using Veza.Application.Common.Security;
using Veza.Domain.Ports;
using Veza.Domain.Radio;

namespace Veza.Application.Radio.Commands.UpdateStation;

/// <summary>The owner (or an admin) changes the station's details; fields left out are kept.</summary>
[Authorize]
public sealed record UpdateStationCommand(Guid StationId, string? Name = null, string? Slug = null, string? Description = null, string? Genre = null, string? Visibility = null)
    : ICommand<StationDto>;

public sealed class UpdateStationCommandValidator : AbstractValidator<UpdateStationCommand>
{
    public UpdateStationCommandValidator() =>
        this.StationFields(c => c.Name, c => c.Slug, c => c.Description, c => c.Genre, c => c.Visibility, required: false);
}

public sealed class UpdateStationCommandHandler(
    IStationRepository stations, IRadioReadModel readModel, StationView view, IUnitOfWork unitOfWork, ICurrentUser caller, IClock clock)
    : IRequestHandler<UpdateStationCommand, StationDto>
{
    public async Task<StationDto> Handle(UpdateStationCommand request, CancellationToken cancellationToken)
    {
        var station = await RadioAccess.StationAsync(stations, request.StationId, cancellationToken);
        RadioAccess.EnsureOwner(station, caller);
        StationVisibility? visibility = StationNames.TryParseVisibility(request.Visibility, out var parsed) ? parsed : null;
        station.Edit(request.Name, request.Slug, request.Description, request.Genre, visibility, clock.UtcNow);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        var row = await readModel.FindStationAsync(station.Id, caller.UserId, cancellationToken) ?? throw new NotFoundException("No such station.");
        return view.Of(row);
    }
}
