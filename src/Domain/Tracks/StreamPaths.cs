namespace Veza.Domain.Tracks;

/// <summary>The byte routes of a track's renditions (what stream URLs sign) and the stored file each serves.</summary>
public static class StreamPaths
{
    public const string Mp3128 = "mp3_128";
    public const string Mp3320 = "mp3_320";
    public const string Original = "original";

    public static string Progressive(Guid trackId, string variant) => $"/stream/tracks/{trackId}/{variant}";

    /// <summary>The storage key behind a variant, or null when the track has no such rendition.</summary>
    public static string? StorageKey(Track track, string variant) => variant switch
    {
        Mp3128 when track.HasMp3128 => TrackFiles.Mp3(track.Id, 128),
        Mp3320 when track.HasMp3320 => TrackFiles.Mp3(track.Id, 320),
        Original => TrackFiles.Original(track.Id),
        _ => null,
    };
}
