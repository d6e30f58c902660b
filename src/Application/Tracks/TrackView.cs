using Veza.Application.Users;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.ReadModels;
using Veza.Domain.Ports;
using Veza.Domain.Tracks;
using Veza.Domain.Users;

namespace Veza.Application.Tracks;

/// <summary>
/// What a viewer may see of a track, the one rule behind every track route (see <see cref="Track.IsVisible"/>):
/// private tracks only to the owner and admins, hidden ones only to the owner (and admins) with the reason,
/// unlisted ones by id only. A track the viewer may not see answers 404, as if it did not exist.
/// </summary>
public static class TrackView
{
    public static bool IsAdmin(Role? role) => role is Role.Admin or Role.SuperAdmin;

    public static bool CanSee(TrackData track, Guid? viewerId, Role? viewerRole) =>
        Track.IsVisible(track.OwnerId, track.Visibility, track.IsHidden, viewerId, IsAdmin(viewerRole));

    /// <summary>The track's row if the caller may see it, else 404.</summary>
    public static async Task<TrackData> FindVisibleAsync(ITrackCatalog catalog, Guid trackId, ICurrentUser caller, CancellationToken cancellationToken)
    {
        var track = await catalog.FindAsync(trackId, caller.UserId, cancellationToken);
        return track is not null && CanSee(track, caller.UserId, caller.Role) ? track : throw NotFound();
    }

    /// <summary>Whether anyone at all, signed in or not, may see the track (only then may shared caches keep its files).</summary>
    public static bool IsPublic(TrackData track) => CanSee(track, null, null);

    /// <summary>The track for a viewer already allowed to see it (lists filter in SQL).</summary>
    public static TrackDto For(TrackData t, Guid? viewerId, Role? viewerRole)
    {
        var privileged = viewerId == t.OwnerId || IsAdmin(viewerRole);
        return new TrackDto(
            t.Id,
            t.Title,
            new UserRefDto(t.OwnerId, t.OwnerUsername),
            t.CreditedArtist,
            t.Album,
            t.Description,
            t.Genre,
            t.Duration is { } duration ? Math.Round(duration.TotalSeconds, 3) : null,
            t.Status.ToName(),
            privileged ? TrackFailureDto.From(t.Failure) : null,
            t.Visibility.ToName(),
            TrackVariants.Of(t.HasMp3128, t.HasMp3320, t.HasHls),
            t.HasWaveform ? TrackUrls.Waveform(t.Id) : null,
            t.ArtworkVersion is { } version
                ? new TrackArtworkDto(version, TrackUrls.Artwork(t.Id, version, TrackUrls.LargeArtwork), TrackUrls.Artwork(t.Id, version, TrackUrls.SmallArtwork))
                : null,
            t.LoudnessLufs,
            t.TrackGainDb,
            t.Tags,
            t.PlayCount,
            t.LikeCount,
            t.LikedByViewer,
            t.IsHidden,
            privileged ? t.HiddenReason : null,
            t.CreatedAt,
            t.UpdatedAt,
            t.AllowRadio);
    }

    public static NotFoundException NotFound() => new("No such track.");
}
