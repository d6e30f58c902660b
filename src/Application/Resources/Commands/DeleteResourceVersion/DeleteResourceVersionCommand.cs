using MediatR;
using Veza.Application.Common.Behaviours;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;
using Veza.Domain.Common;
using Veza.Domain.Ports;
using Veza.Domain.Resources;

namespace Veza.Application.Resources.Commands.DeleteResourceVersion;

/// <summary>Deletes one version and its file (the owner only); the newest left becomes the latest. The only version cannot go (422): delete the resource.</summary>
[Authorize]
public sealed record DeleteResourceVersionCommand(Guid Id, int Number) : ICommand<Unit>;

public sealed class DeleteResourceVersionCommandHandler(ISharedResourceRepository resources, IFileStorage storage, RollbackActions rollback, IClock clock, ICurrentUser caller)
    : IRequestHandler<DeleteResourceVersionCommand, Unit>
{
    public async Task<Unit> Handle(DeleteResourceVersionCommand request, CancellationToken cancellationToken)
    {
        var (resource, _) = await resources.LoadAsync(request.Id, caller, ResourceAccess.Own, cancellationToken);
        var version = resource.Versions.SingleOrDefault(v => v.Number == request.Number);
        switch (resource.DeleteVersion(request.Number, clock.UtcNow))
        {
            case DeleteVersionOutcome.NotFound:
                throw new NotFoundException($"This resource has no version {request.Number}.");
            case DeleteVersionOutcome.OnlyVersion:
                throw new DomainException("A resource keeps at least one version: delete the resource instead.");
        }

        rollback.AfterCommit(async ct =>
        {
            await storage.DeleteAsync(version!.StorageKey, ct);
            await storage.DeleteAsync(ResourceFiles.Waveform(version.StorageKey), ct);
        });
        return Unit.Value;
    }
}
