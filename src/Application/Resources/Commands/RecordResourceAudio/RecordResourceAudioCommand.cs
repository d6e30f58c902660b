using MediatR;
using Veza.Application.Common.Behaviours;
using Veza.Application.Common.Messaging;
using Veza.Domain.Ports;
using Veza.Domain.Resources;

namespace Veza.Application.Resources.Commands.RecordResourceAudio;

/// <summary>The probe's findings on one version (sent by <see cref="Processing.ProbeResourceAudioJob"/>, never over HTTP).</summary>
public sealed record RecordResourceAudioCommand(Guid ResourceId, int Version, TimeSpan Duration, string WaveformKey) : ICommand<Unit>;

public sealed class RecordResourceAudioCommandHandler(ISharedResourceRepository resources, IFileStorage storage, RollbackActions rollback)
    : IRequestHandler<RecordResourceAudioCommand, Unit>
{
    public async Task<Unit> Handle(RecordResourceAudioCommand request, CancellationToken cancellationToken)
    {
        if (await resources.GetAsync(request.ResourceId, cancellationToken) is { } resource && resource.Versions.Any(v => v.Number == request.Version))
        {
            resource.RecordAudio(request.Version, request.Duration, request.WaveformKey);
        }
        else
        {
            // Deleted while it was probed: the waveform has no version to belong to.
            rollback.AfterCommit(ct => storage.DeleteAsync(request.WaveformKey, ct));
        }

        return Unit.Value;
    }
}
