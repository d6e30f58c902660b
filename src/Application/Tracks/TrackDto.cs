using Veza.Application.Users;
using Veza.Domain.Tracks;

namespace Veza.Application.Tracks;

/// <summary>
/// A track as every route shows it (one shape everywhere). <see cref="Failure"/> and <see cref="HiddenReason"/>
/// are the owner's and admins' only; others see null. <see cref="Duration"/> is in seconds. <see cref="Variants"/>
/// names the renditions that exist (<see cref="TrackVariants"/>).
/// </summary>
public sealed record TrackDto(
    Guid Id,
    string Title,
    UserRefDto Artist,
    string? CreditedArtist,
    string? Album,
    string? Description,
    string? Genre,
    double? Duration,
    string Status,
    TrackFailureDto? Failure,
    string Visibility,
    IReadOnlyList<string> Variants,
    string? WaveformUrl,
    TrackArtworkDto? Artwork,
    double? LoudnessLufs,
    double? TrackGainDb,
    IReadOnlyList<string> Tags,
    long Plays,
    long Likes,
    bool LikedByMe,
    bool Hidden,
    string? HiddenReason,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    bool AllowRadio = true);

/// <summary>Why processing failed: a code for programs and a sentence for people.</summary>
public sealed record TrackFailureDto(string Code, string Message)
{
    public static TrackFailureDto? From(TrackFailure? failure) => failure is { } f ? new TrackFailureDto(f.ToName(), f.Describe()) : null;
}

/// <summary>The names of the renditions processing may produce, as <see cref="TrackDto.Variants"/> lists those that exist (streams are served by the stream routes).</summary>
public static class TrackVariants
{
    public const string Mp3128 = "mp3_128";
    public const string Mp3320 = "mp3_320";
    public const string Hls = "hls";

    public static IReadOnlyList<string> Of(bool mp3128, bool mp3320, bool hls) =>
        [.. new[] { (mp3128, Mp3128), (mp3320, Mp3320), (hls, Hls) }.Where(v => v.Item1).Select(v => v.Item2)];
}

/// <summary>The artwork's version (it changes with each new picture, and so do the URLs) and one URL per size.</summary>
public sealed record TrackArtworkDto(Guid Version, string Url, string SmallUrl);

/// <summary>The caller's like and the track's count after the change.</summary>
public sealed record TrackLikeStateDto(Guid TrackId, bool Liked, long Likes);

public sealed record TrackDeletedDto(Guid Id, bool Deleted);

/// <summary>Where a track's files are served: the version in artwork URLs makes each picture a new URL, cacheable for good.</summary>
public static class TrackUrls
{
    public const int LargeArtwork = 512;
    public const int SmallArtwork = 128;

    public static string Waveform(Guid trackId) => $"/api/v1/tracks/{trackId}/waveform";

    public static string Artwork(Guid trackId, Guid version, int size = LargeArtwork) =>
        $"/api/v1/tracks/{trackId}/artwork?size={size}&v={version:N}";

    public static bool IsArtworkSize(int size) => TrackFiles.ArtworkSizes.Contains(size);
}
