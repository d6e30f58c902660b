using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;
using Veza.Domain.Ports;
using Veza.Domain.Resources;

namespace Veza.Application.Resources.Queries.GetResourceWaveform;

/// <summary>An audio version's waveform (JSON peaks), once probed; 404 before that and for anything not audio.</summary>
[Authorize]
public sealed record GetResourceWaveformQuery(Guid Id, int Number) : IQuery<StoredFile>;

public sealed class GetResourceWaveformQueryHandler(ISharedResourceRepository resources, IFileStorage storage, ICurrentUser caller) : IRequestHandler<GetResourceWaveformQuery, StoredFile>
{
    public async Task<StoredFile> Handle(GetResourceWaveformQuery request, CancellationToken cancellationToken)
    {
        var (resource, _) = await resources.LoadAsync(request.Id, caller, ResourceAccess.View, cancellationToken);
        var key = resource.Versions.SingleOrDefault(v => v.Number == request.Number)?.WaveformKey ?? throw new NotFoundException("This version has no waveform.");
        return await storage.OpenReadAsync(key, cancellationToken) ?? throw new NotFoundException("This version has no waveform.");
    }
}
