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

    public StationDto Of(StationRow row)
    {
        var live = playout.StateOf(row.Id);
        var expiresAt = clock.UtcNow + signer.UrlLifetime;
        var listener = PlayListener.Of(caller, signer);
        string Signed(string path) => $"{path}?{signer.Sign(path, listener, expiresAt)}";
        return new StationDto(
            row.Id, row.Name, row.Slug, row.Description, row.Genre, row.Visibility.ToName(), new Users.UserRefDto(row.OwnerId, row.OwnerUsername), row.ChatRoomId,
            live.Live, live.Listeners, live.NowPlaying is { } onAir ? NowPlayingDto.From(row.Id, onAir) : null,
            Signed(Mp3Path(row.Id)), Signed(HlsPath(row.Id)), expiresAt,
            new RotationDto(row.RotationPlaylistIds, row.RotationTags, row.NoRepeatWindow), row.MyRole?.ToName(), row.CreatedAt);
    }
}
