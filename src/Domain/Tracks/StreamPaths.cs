namespace Veza.Domain.Tracks;

/// <summary>The byte routes of a track's renditions (what stream URLs sign) and the stored file each serves.</summary>
public static class StreamPaths
{
    public const string Mp3128 = "mp3_128";
    public const string Mp3320 = "mp3_320";
    public const string Original = "original";

    public static string Progressive(Guid trackId, string variant) => $"/stream/tracks/{trackId}/{variant}";

    /// <summary>The HLS files of a track under one signed route: <c>master.m3u8</c>, <c>{kbps}k/index.m3u8</c>, <c>{kbps}k/segment-NNN.ts</c>.</summary>
    public static string Hls(Guid trackId, string relativePath) => $"/stream/tracks/{trackId}/hls/{relativePath}";

    public const string HlsMaster = "master.m3u8";

    /// <summary>Whether <paramref name="relativePath"/> names one of the HLS files processing writes (nothing else is ever served).</summary>
    public static bool IsHlsFile(string relativePath) => HlsFilePattern.IsMatch(relativePath);

    private static readonly System.Text.RegularExpressions.Regex HlsFilePattern =
        new(@"\A(master\.m3u8|[0-9]{2,3}k/(index\.m3u8|segment-[0-9]{3,5}\.ts))\z", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>The storage key behind a variant, or null when the track has no such rendition.</summary>
    public static string? StorageKey(TrackRenditions track, string variant) => variant switch
    {
        Mp3128 when track.HasMp3128 => TrackFiles.Mp3(track.Id, 128),
        Mp3320 when track.HasMp3320 => TrackFiles.Mp3(track.Id, 320),
        Original => TrackFiles.Original(track.Id),
        _ => null,
    };
}

/// <summary>
/// What the byte routes need to know of a track: which renditions exist, the original's format, and the
/// stamp that changes whenever processing replaces its files (for ETags and the open-handle cache).
/// </summary>
public sealed record TrackRenditions(Guid Id, bool HasMp3128, bool HasMp3320, bool HasHls, Media.AudioFormat OriginalFormat, DateTimeOffset Stamp);
