using System.Globalization;
using System.Text.Json.Nodes;

namespace Veza.TestKit;

/// <summary>
/// Real audio for tests, made by ffmpeg (sine tones of a known level, in every accepted container, with
/// or without tags and an embedded cover), and ffprobe to inspect what the product stored.
/// </summary>
public static class TestAudio
{
    /// <summary>Peak amplitude of the tones: a 1 kHz sine at this peak in both channels measures -20.0 LUFS.</summary>
    public const double Amplitude = 0.1;

    public const double ExpectedLufs = -20.0;

    /// <summary>
    /// Writes a stereo 44.1 kHz 1 kHz tone of <paramref name="seconds"/> to <paramref name="path"/>, in the
    /// container its extension names (wav, flac, mp3, ogg (Vorbis), opus, m4a, aac), with title, artist,
    /// album and genre tags and a cover picture when asked (mp3, flac, m4a).
    /// </summary>
    public static async Task<string> MakeToneAsync(string path, double seconds, bool withTags = false, bool withCover = false, int? bitrateKbps = null)
    {
        var wave = $"{Amplitude.ToString(CultureInfo.InvariantCulture)}*sin(2*PI*1000*t)";
        var arguments = new List<string>
        {
            "-v", "error", "-y", "-f", "lavfi", "-i", $"aevalsrc={wave}|{wave}:s=44100:d={seconds.ToString(CultureInfo.InvariantCulture)}",
        };
        string? cover = null;
        if (withCover)
        {
            cover = Path.Combine(Path.GetDirectoryName(path)!, $"cover-{Guid.NewGuid():N}.png");
            await File.WriteAllBytesAsync(cover, await TestImages.MakeAsync("png", 300, 300));
            arguments.AddRange(["-i", cover, "-map", "0:a", "-map", "1:v", "-disposition:v:0", "attached_pic"]);
            if (path.EndsWith(".mp3", StringComparison.Ordinal))
            {
                arguments.AddRange(["-c:v", "png", "-id3v2_version", "3"]);
            }
        }

        arguments.AddRange(Path.GetExtension(path) switch
        {
            ".ogg" => ["-c:a", "libvorbis"],
            ".opus" => ["-c:a", "libopus"],
            ".m4a" or ".aac" => ["-c:a", "aac"],
            ".mp3" => ["-c:a", "libmp3lame"],
            _ => [],
        });
        if (bitrateKbps is { } kbps)
        {
            arguments.AddRange(["-b:a", $"{kbps}k"]);
        }

        if (withTags)
        {
            arguments.AddRange(["-metadata", "title=Night Drive", "-metadata", "artist=The Tape Loops", "-metadata", "album=Cassette Dreams", "-metadata", "genre=Synthwave"]);
        }

        if (path.EndsWith(".aac", StringComparison.Ordinal))
        {
            arguments.AddRange(["-f", "adts"]);
        }

        arguments.Add(path);
        await TestImages.RunAsync("ffmpeg", arguments);
        if (cover is not null)
        {
            File.Delete(cover);
        }

        return path;
    }

    /// <summary>Duration (s), bit rate (kbps, from the container), codec, sample rate and channels of the first audio stream.</summary>
    public static async Task<(double Duration, int BitrateKbps, string Codec, int SampleRate, int Channels)> ProbeAsync(string path)
    {
        var json = JsonNode.Parse(await TestImages.RunAsync("ffprobe",
            ["-v", "error", "-select_streams", "a:0", "-show_entries", "format=duration,bit_rate:stream=codec_name,sample_rate,channels", "-of", "json", path]))!;
        var stream = json["streams"]![0]!;
        return (
            double.Parse(json["format"]!["duration"]!.GetValue<string>(), CultureInfo.InvariantCulture),
            (int)Math.Round(double.Parse(json["format"]!["bit_rate"]!.GetValue<string>(), CultureInfo.InvariantCulture) / 1000),
            stream["codec_name"]!.GetValue<string>(),
            int.Parse(stream["sample_rate"]!.GetValue<string>(), CultureInfo.InvariantCulture),
            stream["channels"]!.GetValue<int>());
    }
}
