using Veza.Application.Chat;
using Veza.Application.Common.Behaviours;
using Veza.Application.Users;
using Veza.Domain.Ports;
using Veza.Domain.Radio;

namespace Veza.Application.Radio;

/// <param name="Live">An encoder is on air (a station goes live with its first listener and idles without any).</param>
/// <param name="StreamUrl">The continuous MP3 (128 kbps, ICY metadata on request), signed for the caller: any player or an audio element plays it.</param>
/// <param name="HlsUrl">The same stream as live HLS (AAC), signed for the caller, for browsers that want HLS.</param>
/// <param name="StreamUrlsExpireAt">Until when the two URLs open (a stream already open plays on); ask the station again for new ones.</param>
public sealed record StationDto(
    Guid Id, string Name, string Slug, string? Description, string? Genre, string Visibility, UserRefDto Owner, Guid ChatRoomId,
    bool Live, int Listeners, NowPlayingDto? NowPlaying, string StreamUrl, string HlsUrl, DateTimeOffset StreamUrlsExpireAt,
    RotationDto Rotation, string? MyRole, DateTimeOffset CreatedAt);

public sealed record RotationDto(IReadOnlyList<Guid> PlaylistIds, IReadOnlyList<string> Tags, int NoRepeatWindow);

/// <summary>The <c>now_playing</c> event and a station's current track; a DJ's live set has no track_id ("Live: {dj}", the DJ as artist).</summary>
public sealed record NowPlayingDto(Guid StationId, Guid? TrackId, string Title, string Artist, DateTimeOffset StartedAt, double? DurationSeconds, string? ArtworkUrl, Guid? RequestId)
{
    public static NowPlayingDto From(Guid stationId, OnAir onAir) => new(
        stationId, onAir.TrackId, onAir.Title, onAir.Artist, onAir.StartedAt,
        onAir.Duration is { } d ? Math.Round(d.TotalSeconds, 3) : null,
        onAir is { TrackId: { } trackId, ArtworkVersion: { } version } ? Tracks.TrackUrls.Artwork(trackId, version, Tracks.TrackUrls.SmallArtwork) : null,
        onAir.RequestId);
}

/// <summary>A pending request in queue order: what plays next first.</summary>
public sealed record QueuedRequestDto(Guid Id, ChatTrackDto Track, UserRefDto RequestedBy, int Votes, bool VotedByMe, int Priority, DateTimeOffset CreatedAt);

/// <param name="Listeners">How many listened when it started.</param>
public sealed record StationPlayDto(Guid? TrackId, string Title, string Artist, DateTimeOffset StartedAt, double? DurationSeconds, int Listeners, Guid? RequestId);

public sealed record StationMemberDto(UserRefDto User, string Role, DateTimeOffset AddedAt);

/// <summary>The rows a station's read side gives before live state is added.</summary>
public sealed record StationRow(
    Guid Id, string Name, string Slug, string? Description, string? Genre, StationVisibility Visibility, Guid OwnerId, string OwnerUsername, Guid ChatRoomId,
    Guid[] RotationPlaylistIds, string[] RotationTags, int NoRepeatWindow, StationRole? MyRole, DateTimeOffset CreatedAt);

/// <summary>A track as the radio plays it: ready, public, not hidden, its owner consenting.</summary>
public sealed record RadioTrack(Guid Id, string Title, string Artist, TimeSpan? Duration, Guid? ArtworkVersion);

public static class RadioEvents
{
    public const string NowPlaying = "now_playing";

    /// <summary>
    /// Once the command commits: <c>now_playing</c> to the station's chat room (its members' connections) and to
    /// every connection watching the station (the radio hub's WatchStation, anonymous listeners included).
    /// </summary>
    public static void AnnounceAfterCommit(RollbackActions actions, IRealtimeNotifier realtime, Station station, OnAir onAir)
    {
        var nowPlaying = NowPlayingDto.From(station.Id, onAir);
        actions.AfterCommit(async ct =>
        {
            await realtime.NotifyRoomAsync(station.ChatRoomId, NowPlaying, nowPlaying, ct);
            await realtime.NotifyStationAsync(station.Id, NowPlaying, nowPlaying, ct);
        });
    }
}
