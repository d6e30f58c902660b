namespace Veza.Domain.Radio;

/// <summary>
/// What a station is playing now: a track (with where its file is) or a DJ's live set (no track, no file),
/// and when it started.
/// </summary>
public sealed record OnAir(
    Guid? TrackId, string Title, string Artist, DateTimeOffset StartedAt, TimeSpan? Duration, Guid? ArtworkVersion, Guid? RequestId, string? FileKey)
{
    /// <summary>A DJ's live set: titled "Live: {dj}", the DJ as its artist, no track, no end known.</summary>
    public static OnAir LiveSet(string dj, DateTimeOffset startedAt) => new(null, $"Live: {dj}", dj, startedAt, null, null, null, null);

    /// <summary>A DJ's set rather than a track: heard only where the DJ's source is connected, never followed from a file.</summary>
    public bool IsLiveSet => TrackId is null;
}

/// <summary>A station's live state on this node.</summary>
public sealed record StationLiveState(bool Live, int Listeners, OnAir? NowPlaying);
