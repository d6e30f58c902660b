using Veza.Domain.Ports;
using Veza.Domain.Tracks;

namespace Veza.Domain.Plays;

/// <summary>
/// When listening becomes a play (issue 10): 30 seconds of a track, or half of a shorter one, heard by one
/// listener; once per listener and track within 30 minutes.
/// </summary>
public static class PlayRules
{
    /// <summary>A listener's plays of one track are counted at most once in this window, and partial listening older than it is forgotten.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(30);

    public const double FullPlaySeconds = 30;

    /// <summary>The most a player may report at once (a day); more is a bad request, not a long play.</summary>
    public const double MaxReportedSeconds = 86_400;

    /// <summary>Seconds heard before a play counts: 30, or half the track when it is shorter than a minute.</summary>
    public static double ThresholdSeconds(TimeSpan trackDuration) => Math.Min(FullPlaySeconds, trackDuration.TotalSeconds / 2);

    /// <summary>
    /// Seconds of audio in <paramref name="fraction"/> of a served file: a progressive rendition spans the
    /// whole track; an HLS segment spans its own part of the track (segment n covers n × 6 s onwards, so
    /// the last one is as short as what is left, not a full six seconds).
    /// Null for anything that is not audio (playlists) or not a file the byte routes serve.
    /// </summary>
    public static double? SecondsOf(string file, double fraction, TimeSpan trackDuration) => file switch
    {
        StreamPaths.Mp3128 or StreamPaths.Mp3320 or StreamPaths.Original => fraction * trackDuration.TotalSeconds,
        _ when file.EndsWith(".ts", StringComparison.Ordinal) && StreamPaths.IsHlsFile(file) => fraction * SegmentSeconds(file, trackDuration),
        _ => null,
    };

    /// <summary>The length of the segment a file name ("96k/segment-003.ts") numbers, from the track's duration.</summary>
    public static double SegmentSeconds(string file, TimeSpan trackDuration)
    {
        var name = Path.GetFileNameWithoutExtension(file);
        var dash = name.LastIndexOf('-');
        var index = dash >= 0 && int.TryParse(name.AsSpan(dash + 1), System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0;
        return Math.Clamp(trackDuration.TotalSeconds - ((double)index * HlsLadder.SegmentSeconds), 0, HlsLadder.SegmentSeconds);
    }
}
