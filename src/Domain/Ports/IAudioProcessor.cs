using Veza.Domain.Media;
using Veza.Domain.Tracks;

namespace Veza.Domain.Ports;

/// <summary>
/// What processing does to an uploaded audio file, on local files in a private working directory. The
/// format comes from the magic bytes and is handed to the tool, so it never guesses one. Each call runs
/// one bounded tool process (time limit, killed on cancellation); callers may run calls in parallel and
/// the adapter caps how many tool processes run at once.
/// </summary>
public interface IAudioProcessor
{
    /// <summary>Reads duration, codec, bitrate, sample rate, channels and tags, and checks the whole file decodes.</summary>
    Task<AudioProbe> ProbeAsync(string source, AudioFormat format, CancellationToken cancellationToken);

    /// <summary>A constant-bitrate MP3 (no tags, no cover) at <paramref name="kbps"/>.</summary>
    Task EncodeMp3Async(string source, AudioFormat format, int kbps, string output, CancellationToken cancellationToken);

    /// <summary>
    /// HLS in AAC at each of <see cref="HlsLadder.BitratesKbps"/> with <see cref="HlsLadder.SegmentSeconds"/>-second
    /// segments: <c>master.m3u8</c> (BANDWIDTH and CODECS per variant) and <c>{kbps}k/index.m3u8</c> with its segments.
    /// </summary>
    Task PackageHlsAsync(string source, AudioFormat format, string outputDirectory, CancellationToken cancellationToken);

    /// <summary>EBU R128 integrated loudness and true peak.</summary>
    Task<LoudnessMeasurement> MeasureLoudnessAsync(string source, AudioFormat format, CancellationToken cancellationToken);

    /// <summary><paramref name="pairs"/> (min, max) sample pairs in -1..1 over the whole duration, across all <paramref name="channels"/>.</summary>
    Task<Waveform> ComputeWaveformAsync(string source, AudioFormat format, TimeSpan duration, int channels, int pairs, CancellationToken cancellationToken);

    /// <summary>Writes the embedded cover picture (as found) to <paramref name="output"/>; false when there is none.</summary>
    Task<bool> ExtractCoverAsync(string source, AudioFormat format, string output, CancellationToken cancellationToken);
}

/// <summary>The probe's answer: metadata, or why the file cannot become a track.</summary>
public sealed record AudioProbe(AudioMetadata? Metadata, TrackFailure? Failure, bool HasCover)
{
    public static AudioProbe Refused(TrackFailure failure) => new(null, failure, false);
}

public sealed record LoudnessMeasurement(double IntegratedLufs, double TruePeakDbtp);

public sealed record Waveform(IReadOnlyList<float[]> Peaks, double Duration)
{
    public const int DefaultPairs = 1800;
}

public static class HlsLadder
{
    public static readonly int[] BitratesKbps = [96, 192];
    public const int SegmentSeconds = 6;
}

/// <summary>A tool run failed for a reason that is not the file's fault (it crashed, timed out): the job retries.</summary>
public sealed class AudioProcessingException(string message) : Exception(message);

/// <summary>The file stopped decoding part-way: it is damaged (the track fails as corrupt, no retry).</summary>
public sealed class AudioDecodingException() : Exception("The audio could not be decoded to the end.");
