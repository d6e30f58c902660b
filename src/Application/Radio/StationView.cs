using Veza.Application.Tracks.Plays;
using Veza.Domain.Ports;
using Veza.Domain.Radio;

namespace Veza.Application.Radio;

/// <summary>
/// A station as its caller sees it: its live state on this node, and its live URLs signed for the caller
/// (as the streaming module signs track URLs), so a station's stream is reached through the API's answers.
/// </summary>
public sealed class StationView(IRadioPlayout playout, IStreamUrlSigner signer, ICurrentUser caller, IClock clock)
{
    public static string Mp3Path(Guid stationId) => $"/api/v1/radio/stations/{stationId}/live.mp3";

    public static string HlsPath(Guid stationId) => $"/api/v1/radio/stations/{stationId}/live.m3u8";

    /// <summary>The station's live state on this node (what lists order by).</summary>
    public StationLiveState LiveStateOf(Guid stationId) => playout.StateOf(stationId);

    public StationDto Of(StationRow row) => Of(row, playout.StateOf(row.Id));

    public StationDto Of(StationRow row, StationLiveState live)
    {
        var expiresAt = clock.UtcNow + signer.UrlLifetime;
        var listener = PlayListener.Of(caller, signer);
        return new StationDto(
            row.Id, row.Name, row.Slug, row.Description, row.Genre, row.Visibility.ToName(), new Users.UserRefDto(row.OwnerId, row.OwnerUsername), row.ChatRoomId,
            live.Live, live.Listeners, live.NowPlaying is { } onAir ? NowPlayingDto.From(row.Id, onAir) : null,
            signer.SignedUrl(Mp3Path(row.Id), listener, expiresAt), signer.SignedUrl(HlsPath(row.Id), listener, expiresAt), expiresAt,
            new RotationDto(row.RotationPlaylistIds, row.RotationTags, row.NoRepeatWindow), row.MyRole?.ToName(), row.CreatedAt);
    }
}
