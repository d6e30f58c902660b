using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;
using Veza.Application.Common.Storage;
using Veza.Domain.Gear;
using Veza.Domain.Ports;

namespace Veza.Application.Gear.Owned.Commands.DeleteGear;

/// <summary>Deletes the caller's gear entry; one that still has files is 409 unless <see cref="WithFiles"/>, which deletes them too.</summary>
[Authorize]
public sealed record DeleteGearCommand(Guid OwnedGearId, bool WithFiles = false) : ICommand<Unit>;

public sealed class DeleteGearCommandHandler(IOwnedGearRepository gear, IGearFileRepository files, IJobScheduler jobs, ICurrentUser caller) : IRequestHandler<DeleteGearCommand, Unit>
{
    public async Task<Unit> Handle(DeleteGearCommand request, CancellationToken cancellationToken)
    {
        var entry = await gear.LoadOwnAsync(request.OwnedGearId, caller, cancellationToken);
        var attached = await files.ListOfOwnedGearAsync(entry.Id, cancellationToken);
        if (attached.Count > 0 && !request.WithFiles)
        {
            throw new ConflictException($"The entry still has {attached.Count} files: delete them first, or delete with ?with_files=true.");
        }

        foreach (var file in attached)
        {
            files.Remove(file);
        }

        gear.Remove(entry);
        if (attached.Count > 0)
        {
            jobs.Enqueue(new DeleteStoredFilesJob(GearFileUpload.KeysOf(attached)));
        }

        return Unit.Value;
    }
}
