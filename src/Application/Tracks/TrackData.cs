using Veza.Domain.Tracks;

namespace Veza.Application.Tracks;

/// <summary>
/// A track's row as the read side projects it (with its owner's username and whether the viewer likes it),
/// before <see cref="TrackView"/> decides what the viewer may see of it.
/// </summary>
public sealed record TrackData(
    Guid Id,
    Guid OwnerId,
    string OwnerUsername,
    string Title,
    string? CreditedArtist,
    string? Album,
    string? Description,
    string? Genre,
    TimeSpan? Duration,
    TrackStatus Status,
    TrackFailure? Failure,
    TrackVisibility Visibility,
    bool HasMp3128,
    bool HasMp3320,
    bool HasHls,
    bool HasWaveform,
    Guid? ArtworkVersion,
    double? LoudnessLufs,
    double? TrackGainDb,
    IReadOnlyList<string> Tags,
    long PlayCount,
    long LikeCount,
    bool LikedByViewer,
    DateTimeOffset? HiddenAt,
    string? HiddenReason,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    bool AllowRadio = true)
{
    public bool IsHidden => HiddenAt is not null;

    /// <summary>The entity as the read side would project it, for a command that answers with the track it changed.</summary>
    public static TrackData From(Track t, string ownerUsername, bool likedByViewer) => new(
        t.Id, t.OwnerId, ownerUsername, t.Title, t.CreditedArtist, t.Album, t.Description, t.Genre, t.Duration, t.Status, t.Failure, t.Visibility,
        t.HasMp3128, t.HasMp3320, t.HasHls, t.HasWaveform, t.ArtworkVersion, t.LoudnessLufs, t.TrackGainDb, t.Tags, t.PlayCount, t.LikeCount,
        likedByViewer, t.HiddenAt, t.HiddenReason, t.CreatedAt, t.UpdatedAt, t.AllowRadio);
}
