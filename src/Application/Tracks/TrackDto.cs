using Veza.Domain.Tracks;

namespace Veza.Application.Tracks;

/// <summary>
/// A track as every route shows it (one shape everywhere). <see cref="Failure"/> and <see cref="HiddenReason"/>
/// are the owner's and admins' only; others see null. <see cref="Duration"/> is in seconds.
/// </summary>
public sealed record TrackDto(
    Guid Id,
    string Title,
    TrackArtistDto Artist,
    string? CreditedArtist,
    string? Album,
    string? Description,
    string? Genre,
    double? Duration,
    string Status,
    TrackFailureDto? Failure,
    string Visibility,
    TrackVariantsDto Variants,
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
    DateTimeOffset UpdatedAt);

/// <summary>The uploader: a track's artist is always its owner (the artist named in the file is <c>credited_artist</c>).</summary>
public sealed record TrackArtistDto(Guid Id, string Username);

/// <summary>Why processing failed: a code for programs and a sentence for people.</summary>
public sealed record TrackFailureDto(string Code, string Message);

/// <summary>Which renditions processing produced (streams are served by the stream routes).</summary>
public sealed record TrackVariantsDto(bool Mp3128, bool Mp3320, bool Hls);

/// <summary>The artwork's version (it changes with each new picture, and so do the URLs) and one URL per size.</summary>
public sealed record TrackArtworkDto(Guid Version, string Url, string SmallUrl);

/// <summary>The caller's like and the track's count after the change.</summary>
public sealed record TrackLikeStateDto(Guid TrackId, bool Liked, long Likes);

public sealed record TrackDeletedDto(Guid Id, bool Deleted);

/// <summary>A tag and how many tracks carry it.</summary>
public sealed record TagDto(string Name, int UsageCount);

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
