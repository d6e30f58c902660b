using MediatR;
using Veza.Application.Common.Jobs;
using Veza.Application.Common.Storage;
using Veza.Application.Resources.Commands.RecordResourceAudio;
using Veza.Domain.Common;
using Veza.Domain.Media;
using Veza.Domain.Ports;
using Veza.Domain.Resources;

namespace Veza.Application.Resources.Processing;

/// <summary>
/// Gives an audio version its duration and waveform through the audio pipeline's probe and waveform steps
/// (queued with the version, only for audio). A file the pipeline cannot read keeps no duration: it is still shared.
/// </summary>
[JobDefaults(MaxAttempts = 3)]
public sealed record ProbeResourceAudioJob(Guid ResourceId, int Version, string FileKey, AudioFormat Format) : IJob
{
    public string Kind => "resources.probe_audio";

    public static void EnqueueFor(IJobScheduler jobs, ResourceVersion version, StoredResourceFile file)
    {
        if (file.Type.Audio is { } format)
        {
            jobs.Enqueue(new ProbeResourceAudioJob(version.ResourceId, version.Number, file.StorageKey, format));
        }
    }
}

public sealed class ProbeResourceAudioJobHandler(IFileStorage storage, IAudioProcessor audio, IScratchSpace scratch, IMediator mediator) : IJobHandler<ProbeResourceAudioJob>
{
    public async Task Handle(ProbeResourceAudioJob job, CancellationToken cancellationToken)
    {
        using var work = scratch.Create($"resource-{job.ResourceId:N}");
        var local = work.File("audio");
        await using (var stored = await storage.OpenReadAsync(job.FileKey, cancellationToken))
        {
            if (stored is null)
            {
                return; // The version or the resource was deleted meanwhile.
            }

            await using var copy = new FileStream(local, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);
            await stored.Content.CopyToAsync(copy, cancellationToken);
        }

        var probe = await audio.ProbeAsync(local, job.Format, cancellationToken);
        if (probe.Metadata is not { } metadata)
        {
            return;
        }

        var waveform = await audio.ComputeWaveformAsync(local, job.Format, metadata.Duration, metadata.Channels, Waveform.DefaultPairs, cancellationToken);
        var waveformKey = ResourceFiles.Waveform(job.FileKey);
        using (var json = WaveformDocument.Of(waveform))
        {
            await storage.SaveAsync(waveformKey, json, cancellationToken);
        }

        await mediator.Send(new RecordResourceAudioCommand(job.ResourceId, job.Version, metadata.Duration, waveformKey), cancellationToken);
    }
}
