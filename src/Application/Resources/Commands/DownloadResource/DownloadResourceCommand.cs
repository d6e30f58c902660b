using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;
using Veza.Domain.Ports;
using Veza.Domain.Resources;

namespace Veza.Application.Resources.Commands.DownloadResource;

/// <summary>
/// A version's file (the latest when <see cref="Number"/> is null) for someone allowed to download it, counted once
/// per user, version and day (a resumed or ranged download is not counted again).
/// </summary>
[Authorize]
public sealed record DownloadResourceCommand(Guid Id, int? Number = null) : ICommand<ResourceDownload>;

public sealed class DownloadResourceCommandHandler(ISharedResourceRepository resources, IFileStorage storage, IClock clock, ICurrentUser caller)
    : IRequestHandler<DownloadResourceCommand, ResourceDownload>
{
    public async Task<ResourceDownload> Handle(DownloadResourceCommand request, CancellationToken cancellationToken)
    {
        var (resource, _) = await resources.LoadAsync(request.Id, caller, ResourceAccess.Download, cancellationToken);
        var version = resource.Versions.SingleOrDefault(v => v.Number == (request.Number ?? resource.LatestVersion))
            ?? throw new NotFoundException($"This resource has no version {request.Number}.");
        await resources.RecordDownloadAsync(resource.Id, version.Number, caller.UserId!.Value, DateOnly.FromDateTime(clock.UtcNow.UtcDateTime), cancellationToken);
        // Null when the version was deleted after it was read: gone, as a later request would find it.
        var file = await storage.OpenReadAsync(version.StorageKey, cancellationToken) ?? throw new NotFoundException($"This resource has no version {version.Number}.");
        return new ResourceDownload(version.FileName, version.ContentType, version.CreatedAt, $"\"{version.Sha256[..32]}\"", file);
    }
}
