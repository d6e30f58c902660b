using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;
using Veza.Application.Common.Storage;
using Veza.Application.Playlists;
using Veza.Domain.Gear;
using Veza.Domain.Ports;

namespace Veza.Application.Gear.Files.Commands.DeleteFile;

/// <summary>Deletes a file: the caller's own, or a catalog document (admins). Its bytes go once this commits.</summary>
[Authorize]
public sealed record DeleteFileCommand(Guid FileId) : ICommand<Unit>;

public sealed class DeleteFileCommandHandler(IGearFileRepository files, IJobScheduler jobs, ICurrentUser caller) : IRequestHandler<DeleteFileCommand, Unit>
{
    public async Task<Unit> Handle(DeleteFileCommand request, CancellationToken cancellationToken)
    {
        var file = await files.GetAsync(request.FileId, cancellationToken);
        var mayDelete = file is not null && (file.IsCatalogDocument ? caller.IsAdmin() : file.OwnerId == caller.UserId);
        if (file is null || (!mayDelete && !file.IsCatalogDocument))
        {
            throw new NotFoundException("No file with this id.");
        }

        if (!mayDelete)
        {
            throw new ForbiddenException("Only admins delete catalog documents.");
        }

        files.Remove(file);
        jobs.Enqueue(new DeleteStoredFilesJob(GearFileUpload.KeysOf([file])));
        return Unit.Value;
    }
}
