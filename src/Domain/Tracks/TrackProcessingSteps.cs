namespace Veza.Domain.Tracks;

/// <summary>The steps of a track's processing, as its owner sees them progress.</summary>
public enum TrackStep
{
    Probe,
    Mp3128,
    Mp3320,
    Hls,
    Loudness,
    Waveform,
    Artwork,
}

public enum TrackStepState
{
    Pending,
    Running,
    Done,
    Skipped,
    Failed,
}

public static class TrackStepNames
{
    public static readonly TrackStep[] All = Enum.GetValues<TrackStep>();

    public static string ToName(this TrackStep step) => step switch
    {
        TrackStep.Probe => "probe",
        TrackStep.Mp3128 => "mp3_128",
        TrackStep.Mp3320 => "mp3_320",
        TrackStep.Hls => "hls",
        TrackStep.Loudness => "loudness",
        TrackStep.Waveform => "waveform",
        TrackStep.Artwork => "artwork",
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, null),
    };

    public static string ToName(this TrackStepState state) => state switch
    {
        TrackStepState.Pending => "pending",
        TrackStepState.Running => "running",
        TrackStepState.Done => "done",
        TrackStepState.Skipped => "skipped",
        TrackStepState.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };
}

/// <summary>
/// Where each step of a track's processing stands, written as steps start and end in small writes of their
/// own (outside the unit of work that records the outcome), so the owner sees progress while the job runs.
/// Safe to call from steps running in parallel.
/// </summary>
public interface ITrackProcessingProgress
{
    /// <summary>Every step back to pending (a new run, or a re-run after a crash).</summary>
    Task ResetAsync(Guid trackId, CancellationToken cancellationToken);

    /// <summary>Running sets the start time; done, skipped and failed set the end time.</summary>
    Task MarkAsync(Guid trackId, TrackStep trackStep, TrackStepState state, DateTimeOffset now, string? detail, CancellationToken cancellationToken);
}
