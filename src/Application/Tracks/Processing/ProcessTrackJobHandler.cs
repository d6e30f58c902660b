using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Jobs;
using Veza.Application.Common.Storage;
using Veza.Application.Tracks.Artwork;
using Veza.Application.Tracks.Processing.Commands.RecordTrackProcessing;
using Veza.Domain.Media;
using Veza.Domain.Ports;
using Veza.Domain.Tracks;

namespace Veza.Application.Tracks.Processing;

/// <summary>
/// Processes one uploaded track: copies its original into a private work directory, probes it, then runs
/// the independent steps side by side (MP3 128 and 320, HLS, loudness, waveform, embedded cover; the audio
/// adapter caps how many tool processes run at once), uploads what each step made and records the outcome
/// in one unit of work. A file the tools refuse (not audio, damaged, too long, no audio stream) fails the
/// track at once; anything else (a tool crash, a time limit, storage) throws so the job is retried, and
/// after its last attempt <see cref="ProcessTrackGivenUpHandler"/> fails the track with processing_error.
/// A re-run after a crash is safe: storage saves overwrite, and a track no longer processing is left alone.
/// Per-step progress is written as steps start and end, outside the final unit of work.
/// </summary>
public sealed class ProcessTrackJobHandler(
    ITrackRepository tracks,
    IUnitOfWork unitOfWork,
    IFileStorage storage,
    IAudioProcessor audio,
    ITrackProcessingProgress progress,
    IScratchSpace scratch,
    TrackArtworkWriter artworkWriter,
    IMediator mediator,
    IClock clock)
    : IJobHandler<ProcessTrackJob>
{
    /// <summary>A source at this bit rate or more (or lossless) gets a 320 kbps MP3; below it that would only be upscaling.</summary>
    public const int Mp3320MinSourceKbps = 256;

    public async Task Handle(ProcessTrackJob job, CancellationToken cancellationToken)
    {
        if (await tracks.GetAsync(job.TrackId, cancellationToken) is not { Status: TrackStatus.Processing } track)
        {
            return;
        }

        var source = new SourceTrack(track.Id, track.OriginalKey, track.OriginalFormat, track.ArtworkUploaded);
        // The outcome is recorded on a fresh read (the track may have been edited or deleted meanwhile).
        unitOfWork.DiscardChanges();

        await progress.ResetAsync(source.Id, cancellationToken);
        using var work = scratch.Create($"track-{source.Id:N}");
        var original = work.File("original");
        var probe = await RunStepAsync(source.Id, TrackStep.Probe, async ct =>
        {
            await CopyOriginalAsync(source, original, ct);
            return await audio.ProbeAsync(original, source.Format, ct);
        }, p => p.Failure?.Describe(), null, cancellationToken);

        if (probe is not { Metadata: { } metadata })
        {
            await SkipAsync(source.Id, TrackStepNames.All.Where(s => s != TrackStep.Probe), "The file cannot be processed.", cancellationToken);
            await RecordAsync(RecordTrackProcessingCommand.Failed(source.Id, probe.Failure ?? TrackFailure.NotAudio), null, cancellationToken);
            return;
        }

        var plan = TrackProcessingPlan.For(metadata, source.Format, source.ArtworkUploaded, probe.HasCover);
        StepOutputs outputs;
        try
        {
            outputs = await RunVariantsAsync(source, original, metadata, plan, work, cancellationToken);
        }
        catch (AudioDecodingException)
        {
            // The loudness meter decodes every frame: the file is damaged, which no retry changes.
            await DerivedTrackFiles.DeleteAsync(storage, source.Id, cancellationToken);
            await RecordAsync(RecordTrackProcessingCommand.Failed(source.Id, TrackFailure.Corrupt), null, cancellationToken);
            return;
        }

        var result = new TrackProcessingResult(
            metadata,
            Mp3128: true,
            Mp3320: plan.Mp3320,
            Hls: true,
            Waveform: true,
            LoudnessLufs: Finite(outputs.Loudness.IntegratedLufs),
            TruePeakDb: Finite(outputs.Loudness.TruePeakDbtp),
            EmbeddedArtworkVersion: outputs.Artwork?.Version,
            DerivedBytes: outputs.Bytes);
        await RecordAsync(new RecordTrackProcessingCommand(source.Id, result), outputs.Artwork, cancellationToken);
    }

    private async Task<StepOutputs> RunVariantsAsync(
        SourceTrack source, string original, AudioMetadata metadata, TrackProcessingPlan plan, ScratchDirectory work, CancellationToken cancellationToken)
    {
        // One failing step stops its siblings: the job fails (or the file is damaged) whatever they would make.
        using var group = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var id = source.Id;
        var mp3128 = RunStepAsync(id, TrackStep.Mp3128, ct => EncodeMp3Async(source, original, 128, work, ct), null, group, group.Token);
        var mp3320 = plan.Mp3320
            ? RunStepAsync(id, TrackStep.Mp3320, ct => EncodeMp3Async(source, original, 320, work, ct), null, group, group.Token)
            : SkippedAsync(id, TrackStep.Mp3320, "The source is below 256 kbps: a 320 kbps copy would only be larger.", 0L, group.Token);
        var hls = RunStepAsync(id, TrackStep.Hls, ct => PackageHlsAsync(source, original, work, ct), null, group, group.Token);
        var loudness = RunStepAsync(id, TrackStep.Loudness, ct => audio.MeasureLoudnessAsync(original, source.Format, ct), null, group, group.Token);
        var waveform = RunStepAsync(id, TrackStep.Waveform, ct => StoreWaveformAsync(source, original, metadata, ct), null, group, group.Token);
        var artwork = plan.EmbeddedArtwork
            ? RunStepAsync(id, TrackStep.Artwork, ct => StoreCoverAsync(source, original, work, ct), a => a is null ? "The embedded cover is not a readable picture." : null, group, group.Token)
            : SkippedAsync<StoredArtwork?>(id, TrackStep.Artwork, source.ArtworkUploaded ? "The uploader's artwork is kept." : "The file has no cover.", null, group.Token);

        Task[] all = [mp3128, mp3320, hls, loudness, waveform, artwork];
        try
        {
            await Task.WhenAll(all);
        }
        catch
        {
            cancellationToken.ThrowIfCancellationRequested();
            // The first cause, not the cancellations it caused: a damaged file before any tool error.
            var causes = all.Where(t => t.IsFaulted).Select(t => t.Exception!.InnerException!).ToList();
            throw causes.FirstOrDefault(e => e is AudioDecodingException)
                ?? causes.FirstOrDefault(e => e is not OperationCanceledException)
                ?? causes.First();
        }

        var stored = await artwork;
        return new StepOutputs(
            await loudness,
            stored,
            await mp3128 + await mp3320 + await hls + await waveform + (stored?.Bytes ?? 0));
    }

    private async Task CopyOriginalAsync(SourceTrack source, string destination, CancellationToken cancellationToken)
    {
        await using var stored = await storage.OpenReadAsync(source.OriginalKey, cancellationToken)
            ?? throw new InvalidOperationException($"The original of track {source.Id} is missing from storage ({source.OriginalKey}).");
        await using var copy = new FileStream(destination, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);
        await stored.Content.CopyToAsync(copy, cancellationToken);
    }

    private async Task<long> EncodeMp3Async(SourceTrack source, string original, int kbps, ScratchDirectory work, CancellationToken cancellationToken)
    {
        var output = work.File($"mp3-{kbps}.mp3");
        await audio.EncodeMp3Async(original, source.Format, kbps, output, cancellationToken);
        return await SaveFileAsync(TrackFiles.Mp3(source.Id, kbps), output, cancellationToken);
    }

    private async Task<long> PackageHlsAsync(SourceTrack source, string original, ScratchDirectory work, CancellationToken cancellationToken)
    {
        var directory = work.File("hls");
        Directory.CreateDirectory(directory);
        await audio.PackageHlsAsync(original, source.Format, directory, cancellationToken);
        long bytes = 0;
        // Segments first, then the variant playlists, the master last: a player never finds a playlist naming a missing file.
        foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).OrderBy(HlsUploadOrder).ThenBy(f => f, StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(directory, file).Replace(Path.DirectorySeparatorChar, '/');
            bytes += await SaveFileAsync(TrackFiles.Hls(source.Id, relative), file, cancellationToken);
        }

        return bytes;
    }

    private async Task<long> StoreWaveformAsync(SourceTrack source, string original, AudioMetadata metadata, CancellationToken cancellationToken)
    {
        var waveform = await audio.ComputeWaveformAsync(original, source.Format, metadata.Duration, metadata.Channels, Waveform.DefaultPairs, cancellationToken);
        using var json = WaveformDocument.Of(waveform);
        return await storage.SaveAsync(TrackFiles.Waveform(source.Id), json, cancellationToken);
    }

    /// <returns>Null when the cover cannot be read as a picture (skipped: a track without artwork is still a track).</returns>
    private async Task<StoredArtwork?> StoreCoverAsync(SourceTrack source, string original, ScratchDirectory work, CancellationToken cancellationToken)
    {
        var cover = work.File("cover");
        if (!await audio.ExtractCoverAsync(original, source.Format, cover, cancellationToken))
        {
            return null;
        }

        await using var file = new FileStream(cover, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous);
        try
        {
            return await artworkWriter.StoreAsync(source.Id, file, file.Length, "artwork", cancellationToken);
        }
        catch (Exception ex) when (ex is UnsupportedMediaTypeException or RequestValidationException or FileTooLargeException)
        {
            return null;
        }
    }

    private async Task<long> SaveFileAsync(string key, string path, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous);
        return await storage.SaveAsync(key, file, cancellationToken);
    }

    /// <summary>Records the outcome; files made for a track that is gone, or that another run already finished, are removed.</summary>
    private async Task RecordAsync(RecordTrackProcessingCommand command, StoredArtwork? artwork, CancellationToken cancellationToken)
    {
        var record = await mediator.Send(command, cancellationToken);
        if (!record.Found)
        {
            await storage.DeletePrefixAsync(TrackFiles.Folder(command.TrackId), cancellationToken);
        }
        else if (record.Outcome == ProcessingOutcome.AlreadyFinished && artwork is not null)
        {
            foreach (var key in TrackArtworkWriter.Keys(command.TrackId, artwork.Version))
            {
                await storage.DeleteAsync(key, cancellationToken);
            }
        }
    }

    /// <summary>Marks the step running, runs it, and marks it done (or skipped, when <paramref name="skippedWhen"/> says why), or failed.</summary>
    private async Task<T> RunStepAsync<T>(
        Guid trackId, TrackStep step, Func<CancellationToken, Task<T>> run, Func<T, string?>? skippedWhen, CancellationTokenSource? group, CancellationToken cancellationToken)
    {
        // Off the caller's thread at once: the steps of a group start together.
        await Task.Yield();
        await progress.MarkAsync(trackId, step, TrackStepState.Running, clock.UtcNow, null, cancellationToken);
        T value;
        try
        {
            value = await run(cancellationToken);
        }
        catch (Exception ex)
        {
            if (group is not null)
            {
                await group.CancelAsync();
            }

            await MarkFailedAsync(trackId, step, ex);
            throw;
        }

        var skipped = skippedWhen?.Invoke(value);
        // A probe that refuses the file is the step that found the failure.
        var state = skipped is null ? TrackStepState.Done : step == TrackStep.Probe ? TrackStepState.Failed : TrackStepState.Skipped;
        await progress.MarkAsync(trackId, step, state, clock.UtcNow, skipped, cancellationToken);
        return value;
    }

    private async Task<T> SkippedAsync<T>(Guid trackId, TrackStep step, string reason, T value, CancellationToken cancellationToken)
    {
        await progress.MarkAsync(trackId, step, TrackStepState.Skipped, clock.UtcNow, reason, cancellationToken);
        return value;
    }

    private async Task SkipAsync(Guid trackId, IEnumerable<TrackStep> steps, string reason, CancellationToken cancellationToken)
    {
        foreach (var step in steps)
        {
            await progress.MarkAsync(trackId, step, TrackStepState.Skipped, clock.UtcNow, reason, cancellationToken);
        }
    }

    /// <summary>Best effort: the job's own outcome matters more than this line of progress (a re-run resets it anyway).</summary>
    private async Task MarkFailedAsync(Guid trackId, TrackStep step, Exception failure)
    {
        var detail = failure switch
        {
            AudioDecodingException => TrackFailure.Corrupt.Describe(),
            OperationCanceledException => "Stopped.",
            _ => failure.Message.Length > 400 ? failure.Message[..400] : failure.Message,
        };
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await progress.MarkAsync(trackId, step, TrackStepState.Failed, clock.UtcNow, detail, timeout.Token);
        }
        catch (Exception)
        {
            // The database is what failed, or the node is stopping: nothing more to tell.
        }
    }

    private static int HlsUploadOrder(string path) => Path.GetFileName(path) switch
    {
        "master.m3u8" => 2,
        var name when name.EndsWith(".m3u8", StringComparison.Ordinal) => 1,
        _ => 0,
    };

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;

    private sealed record SourceTrack(Guid Id, string OriginalKey, AudioFormat Format, bool ArtworkUploaded);

    private sealed record StepOutputs(LoudnessMeasurement Loudness, StoredArtwork? Artwork, long Bytes);
}

/// <summary>Which optional outputs a source gets: no upscaling to 320 kbps, and an embedded cover only when the uploader gave none.</summary>
public sealed record TrackProcessingPlan(bool Mp3320, bool EmbeddedArtwork)
{
    public static TrackProcessingPlan For(AudioMetadata metadata, AudioFormat format, bool artworkUploaded, bool hasCover) => new(
        AudioFormats.IsLossless(format) || metadata.BitrateKbps >= ProcessTrackJobHandler.Mp3320MinSourceKbps,
        !artworkUploaded && hasCover);
}
