namespace Veza.Domain.Radio;

/// <summary>What a station is playing now: the track, where its file is, and when it started.</summary>
public sealed record OnAir(
    Guid TrackId, string Title, string Artist, DateTimeOffset StartedAt, TimeSpan? Duration, Guid? ArtworkVersion, Guid? RequestId, string FileKey);

/// <summary>A station's live state on this node.</summary>
public sealed record StationLiveState(bool Live, int Listeners, OnAir? NowPlaying);
