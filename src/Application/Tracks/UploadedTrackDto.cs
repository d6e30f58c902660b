using Veza.Domain.Media;
using Veza.Domain.Tracks;

namespace Veza.Application.Tracks;

/// <summary>The owner's view of a track just uploaded or queued again: what they sent and where processing stands.</summary>
public sealed record UploadedTrackDto(
    Guid Id,
    string Title,
    TrackStatus Status,
    TrackVisibility Visibility,
    IReadOnlyList<string> Tags,
    string? Genre,
    string? Description,
    AudioFormat OriginalFormat,
    long OriginalBytes,
    DateTimeOffset CreatedAt)
{
    public static UploadedTrackDto From(Track track) => new(
        track.Id, track.Title, track.Status, track.Visibility, track.Tags, track.Genre, track.Description, track.OriginalFormat, track.OriginalBytes, track.CreatedAt);
}
