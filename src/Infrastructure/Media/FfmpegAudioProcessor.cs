using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Veza.Domain.Media;
using Veza.Domain.Ports;
using Veza.Domain.Tracks;

namespace Veza.Infrastructure.Media;

/// <summary>
/// <see cref="IAudioProcessor"/> with ffmpeg and ffprobe (argument lists in <see cref="FfmpegAudioArguments"/>).
/// At most <see cref="MediaOptions.MaxAudioProcesses"/> tool processes run at once on this node, whoever
/// asks: the steps of one job run side by side, and several jobs share the same cap.
/// </summary>
public sealed partial class FfmpegAudioProcessor(IOptions<MediaOptions> options, MediaProcessSlots slots) : IAudioProcessor
{
    private readonly MediaOptions _options = options.Value;

    /// <summary>A processor with a cap of its own (tests, benchmarks).</summary>
    public FfmpegAudioProcessor(IOptions<MediaOptions> options)
        : this(options, new MediaProcessSlots(options))
    {
    }

    public async Task<AudioProbe> ProbeAsync(string source, AudioFormat format, CancellationToken cancellationToken)
    {
        var outcome = await RunAsync(_options.FfprobePath, FfmpegAudioArguments.Probe(source, format), null, cancellationToken);
        if (outcome.ExitCode != 0)
        {
            // The demuxer for the sniffed format could not read it: the bytes only looked like audio.
            return AudioProbe.Refused(TrackFailure.Corrupt);
        }

        ProbeJson? probe;
        try
        {
            probe = JsonSerializer.Deserialize<ProbeJson>(outcome.StandardOutput, JsonOptions);
        }
        catch (JsonException)
        {
            return AudioProbe.Refused(TrackFailure.Corrupt);
        }

        var streams = probe?.Streams ?? [];
        var audio = streams.FirstOrDefault(s => s.CodecType == "audio");
        if (audio is null)
        {
            return AudioProbe.Refused(TrackFailure.NoAudioStream);
        }

        if (!TryParseDouble(probe!.Format?.Duration, out var seconds) || seconds <= 0 || !int.TryParse(audio.SampleRate, CultureInfo.InvariantCulture, out var sampleRate) || audio.Channels is not > 0)
        {
            return AudioProbe.Refused(TrackFailure.Corrupt);
        }

        var duration = TimeSpan.FromSeconds(seconds);
        if (duration > TrackRules.MaxDuration)
        {
            return AudioProbe.Refused(TrackFailure.TooLong);
        }

        var bitRate = Kbps(audio.BitRate) ?? Kbps(probe.Format?.BitRate);
        var tags = Merge(probe.Format?.Tags, audio.Tags);
        var metadata = new AudioMetadata(duration, audio.CodecName ?? "unknown", bitRate, sampleRate, audio.Channels.Value,
            Tag(tags, "title"), Tag(tags, "album"), Tag(tags, "genre"), Tag(tags, "artist"));
        var hasCover = streams.Any(s => s.CodecType == "video" && s.Disposition?.AttachedPic == 1);
        return new AudioProbe(metadata, null, hasCover);
    }

    public async Task EncodeMp3Async(string source, AudioFormat format, int kbps, string output, CancellationToken cancellationToken) =>
        EnsureSucceeded(await RunAsync(_options.FfmpegPath, FfmpegAudioArguments.Mp3(source, format, kbps, output), null, cancellationToken), $"MP3 {kbps} kbps");

    public async Task PackageHlsAsync(string source, AudioFormat format, string outputDirectory, CancellationToken cancellationToken)
    {
        foreach (var kbps in HlsLadder.BitratesKbps)
        {
            Directory.CreateDirectory(Path.Combine(outputDirectory, $"{kbps}k"));
        }

        EnsureSucceeded(await RunAsync(_options.FfmpegPath, FfmpegAudioArguments.Hls(source, format, outputDirectory), null, cancellationToken), "HLS");
    }

    public async Task<LoudnessMeasurement> MeasureLoudnessAsync(string source, AudioFormat format, CancellationToken cancellationToken)
    {
        var outcome = await RunAsync(_options.FfmpegPath, FfmpegAudioArguments.Loudness(source, format), null, cancellationToken);
        if (outcome.ExitCode != 0)
        {
            // -xerror stops at the first decoding error: the file is damaged, which retrying will not change.
            throw new AudioDecodingException();
        }

        return ParseLoudness(outcome.StandardError)
            ?? throw new AudioProcessingException("ffmpeg's loudness meter printed no summary.");
    }

    public async Task<Waveform> ComputeWaveformAsync(string source, AudioFormat format, TimeSpan duration, int channels, int pairs, CancellationToken cancellationToken)
    {
        var builder = new WaveformBuilder(duration, pairs, FfmpegAudioArguments.WaveformSampleRate * channels);
        var outcome = await RunAsync(_options.FfmpegPath, FfmpegAudioArguments.WaveformSamples(source, format), builder.ReadAsync, cancellationToken);
        EnsureSucceeded(outcome, "waveform");
        return new Waveform(builder.Build(), Math.Round(duration.TotalSeconds, 3));
    }

    public async Task<bool> ExtractCoverAsync(string source, AudioFormat format, string output, CancellationToken cancellationToken)
    {
        var outcome = await RunAsync(_options.FfmpegPath, FfmpegAudioArguments.Cover(source, format, output), null, cancellationToken);
        return outcome.ExitCode == 0 && File.Exists(output) && new FileInfo(output).Length > 0;
    }


    /// <summary>The summary ffmpeg's ebur128 filter prints at the end ("I: -23.0 LUFS" ... "Peak: -1.2 dBFS").</summary>
    public static LoudnessMeasurement? ParseLoudness(string standardError)
    {
        var summary = standardError.LastIndexOf("Summary:", StringComparison.Ordinal);
        if (summary < 0)
        {
            return null;
        }

        var text = standardError[summary..];
        var integrated = IntegratedPattern().Match(text);
        var peak = PeakPattern().Match(text);
        if (!integrated.Success || !peak.Success)
        {
            return null;
        }

        return new LoudnessMeasurement(ParseLevel(integrated.Groups[1].Value), ParseLevel(peak.Groups[1].Value));
    }

    private async Task<ProcessOutcome> RunAsync(string tool, IReadOnlyList<string> arguments, Func<Stream, CancellationToken, Task>? readOutput, CancellationToken cancellationToken)
    {
        try
        {
            return await slots.RunAsync(() => ExternalProcess.RunAsync(tool, arguments, _options.AudioProcessTimeout, readOutput, cancellationToken), cancellationToken);
        }
        catch (TimeoutException e)
        {
            throw new AudioProcessingException(e.Message);
        }
    }

    private static void EnsureSucceeded(ProcessOutcome outcome, string step)
    {
        if (outcome.ExitCode != 0)
        {
            var firstLine = outcome.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "no output";
            throw new AudioProcessingException($"ffmpeg failed on the {step} step (exit {outcome.ExitCode}): {(firstLine.Length > 300 ? firstLine[..300] : firstLine)}");
        }
    }

    // "-inf" appears for digital silence.
    private static double ParseLevel(string value) =>
        value == "-inf" ? double.NegativeInfinity : double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static bool TryParseDouble(string? value, out double result) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out result) && double.IsFinite(result);

    private static int? Kbps(string? bitsPerSecond) =>
        TryParseDouble(bitsPerSecond, out var bps) && bps > 0 ? (int)Math.Round(bps / 1000) : null;

    private static Dictionary<string, string> Merge(Dictionary<string, string>? format, Dictionary<string, string>? stream)
    {
        // Tag names differ in case between containers (TITLE in Vorbis comments, title in ID3).
        var merged = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var source in new[] { stream, format })
        {
            foreach (var (key, value) in source ?? [])
            {
                merged[key] = value;
            }
        }

        return merged;
    }

    private static string? Tag(Dictionary<string, string> tags, string name) =>
        tags.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    [GeneratedRegex(@"I:\s+(-?[0-9.]+|-inf)\s+LUFS")]
    private static partial Regex IntegratedPattern();

    [GeneratedRegex(@"True peak:\s+Peak:\s+(-?[0-9.]+|-inf)\s+dBFS")]
    private static partial Regex PeakPattern();

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private sealed record ProbeJson(List<StreamJson>? Streams, FormatJson? Format);

    private sealed record StreamJson(int Index, string? CodecType, string? CodecName, string? SampleRate, int? Channels, string? BitRate, DispositionJson? Disposition, Dictionary<string, string>? Tags);

    private sealed record DispositionJson(int AttachedPic);

    private sealed record FormatJson(string? Duration, string? BitRate, Dictionary<string, string>? Tags);

    /// <summary>Folds a stream of little-endian float samples (all channels interleaved) into (min, max) pairs, one per equal slice of the duration.</summary>
    private sealed class WaveformBuilder(TimeSpan duration, int pairs, int samplesPerSecond)
    {
        private readonly float[] _min = Enumerable.Repeat(float.MaxValue, pairs).ToArray();
        private readonly float[] _max = Enumerable.Repeat(float.MinValue, pairs).ToArray();
        private readonly double _samplesPerPair = Math.Max(1.0, duration.TotalSeconds * samplesPerSecond / pairs);
        private long _sample;

        public async Task ReadAsync(Stream output, CancellationToken cancellationToken)
        {
            var buffer = new byte[64 * 1024];
            var carried = 0;
            int read;
            while ((read = await output.ReadAsync(buffer.AsMemory(carried), cancellationToken)) > 0)
            {
                var available = carried + read;
                var whole = available - (available % 4);
                for (var offset = 0; offset < whole; offset += 4)
                {
                    Add(BinaryPrimitives.ReadSingleLittleEndian(buffer.AsSpan(offset, 4)));
                }

                carried = available - whole;
                buffer.AsSpan(whole, carried).CopyTo(buffer);
            }
        }

        public List<float[]> Build()
        {
            var result = new List<float[]>(pairs);
            for (var i = 0; i < pairs; i++)
            {
                result.Add(_min[i] > _max[i] ? [0f, 0f] : [Round(_min[i]), Round(_max[i])]);
            }

            return result;
        }

        private void Add(float value)
        {
            // Samples past the probed duration (a rounding of it) land in the last pair.
            var index = (int)Math.Min(pairs - 1, _sample++ / _samplesPerPair);
            var clamped = float.IsFinite(value) ? Math.Clamp(value, -1f, 1f) : 0f;
            _min[index] = Math.Min(_min[index], clamped);
            _max[index] = Math.Max(_max[index], clamped);
        }

        private static float Round(float value) => MathF.Round(value, 4);
    }
}
