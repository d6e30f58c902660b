using System.Globalization;
using Veza.Domain.Media;
using Veza.Domain.Ports;
using Veza.Domain.Tracks;

namespace Veza.Infrastructure.Media;

/// <summary>
/// The argument lists of every ffmpeg and ffprobe run for audio, as pure functions tests can read. Every
/// run forces the demuxer from the magic bytes (<c>-f</c>), reads no standard input, and maps only the
/// first audio stream, so a crafted file cannot make the tool open other files or guess a format. Every
/// decoding run also stops reading at <see cref="TrackRules.MaxDuration"/> (<c>-t</c> on the input): the
/// probe trusts the container's declared duration, which a hostile file can understate, and this bounds
/// the CPU, disk and time any upload can cost whatever its header says.
/// </summary>
public static class FfmpegAudioArguments
{
    /// <summary>Sample rate of the mono signal the waveform is computed from: enough for peaks, cheap to read.</summary>
    public const int WaveformSampleRate = 8000;

    public static IReadOnlyList<string> Probe(string source, AudioFormat format) =>
    [
        "-v", "error", "-f", AudioFormats.Demuxer(format),
        "-show_entries", "format=duration,bit_rate:format_tags=title,album,genre,artist:stream=index,codec_type,codec_name,sample_rate,channels,bit_rate:stream_disposition=attached_pic:stream_tags=title,album,genre,artist",
        "-of", "json", source,
    ];

    public static IReadOnlyList<string> Mp3(string source, AudioFormat format, int kbps, string output) =>
    [
        .. Input(source, format),
        "-map", "0:a:0", "-vn", "-map_metadata", "-1",
        "-c:a", "libmp3lame", "-b:a", Kbps(kbps), "-ar", "44100",
        "-f", "mp3", "-y", output,
    ];

    public static IReadOnlyList<string> Hls(string source, AudioFormat format, string outputDirectory)
    {
        var arguments = new List<string>(Input(source, format));
        foreach (var _ in HlsLadder.BitratesKbps)
        {
            arguments.AddRange(["-map", "0:a:0"]);
        }

        arguments.AddRange(["-vn", "-map_metadata", "-1", "-c:a", "aac", "-ar", "44100", "-ac", "2"]);
        for (var i = 0; i < HlsLadder.BitratesKbps.Length; i++)
        {
            arguments.AddRange([$"-b:a:{i}", Kbps(HlsLadder.BitratesKbps[i])]);
        }

        arguments.AddRange(
        [
            "-f", "hls", "-hls_time", HlsLadder.SegmentSeconds.ToString(CultureInfo.InvariantCulture), "-hls_playlist_type", "vod",
            "-hls_flags", "independent_segments", "-hls_segment_type", "mpegts",
            "-hls_segment_filename", Path.Combine(outputDirectory, "%v", "segment-%03d.ts"),
            "-master_pl_name", "master.m3u8",
            "-var_stream_map", string.Join(' ', HlsLadder.BitratesKbps.Select((kbps, i) => $"a:{i},name:{Kbps(kbps)}")),
            "-y", Path.Combine(outputDirectory, "%v", "index.m3u8"),
        ]);
        return arguments;
    }

    /// <summary>Decodes the whole file (stopping at the first decoding error, so a damaged file is found here) through the EBU R128 meter.</summary>
    public static IReadOnlyList<string> Loudness(string source, AudioFormat format) =>
    [
        "-nostdin", "-hide_banner", "-nostats", "-v", "info", "-xerror", "-f", AudioFormats.Demuxer(format), .. ReadAtMost(), "-i", source,
        "-map", "0:a:0", "-vn", "-af", "ebur128=peak=true:framelog=verbose", "-f", "null", "-",
    ];

    /// <summary>
    /// Interleaved 32-bit float samples at <see cref="WaveformSampleRate"/> on standard output, every channel
    /// kept: a downmix would add correlated channels (+3 dB) and cancel opposed ones, and the waveform shows
    /// the loudest channel.
    /// </summary>
    public static IReadOnlyList<string> WaveformSamples(string source, AudioFormat format) =>
    [
        .. Input(source, format),
        "-map", "0:a:0", "-vn", "-ar", WaveformSampleRate.ToString(CultureInfo.InvariantCulture), "-f", "f32le", "-c:a", "pcm_f32le", "pipe:1",
    ];

    /// <summary>The first attached picture, copied as stored (the image pipeline re-encodes it afterwards).</summary>
    public static IReadOnlyList<string> Cover(string source, AudioFormat format, string output) =>
    [
        .. Input(source, format),
        "-map", "0:v:0", "-an", "-c:v", "copy", "-frames:v", "1", "-f", "image2", "-update", "1", "-y", output,
    ];

    private static IEnumerable<string> Input(string source, AudioFormat format) =>
        ["-nostdin", "-hide_banner", "-v", "error", "-f", AudioFormats.Demuxer(format), .. ReadAtMost(), "-i", source];

    /// <summary>Input option: decode no more than the longest track accepted.</summary>
    private static string[] ReadAtMost() => ["-t", ((int)TrackRules.MaxDuration.TotalSeconds).ToString(CultureInfo.InvariantCulture)];

    private static string Kbps(int kbps) => kbps.ToString(CultureInfo.InvariantCulture) + "k";
}
