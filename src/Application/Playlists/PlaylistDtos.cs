using Veza.Application.Users;
using Veza.Domain.Playlists;
using Veza.Domain.Tracks;

namespace Veza.Application.Playlists;

/// <summary>A playlist without its tracks (lists, and what create and update answer).</summary>
public record PlaylistDto(
    Guid Id,
    UserRefDto Owner,
    string Title,
    string? Description,
    TrackVisibility Visibility,
    int TrackCount,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static PlaylistDto From(Playlist playlist, string ownerUsername) => new(
        playlist.Id, new UserRefDto(playlist.OwnerId, ownerUsername), playlist.Title, playlist.Description, playlist.Visibility, playlist.TrackCount,
        playlist.CreatedAt, playlist.UpdatedAt);
}

/// <summary>
/// A playlist with the tracks the caller may see, in order. <see cref="PlaylistDto.TrackCount"/> counts
/// every entry; a track that became private or hidden is left out for everyone but its owner and admins,
/// so <see cref="Tracks"/> may be shorter and its positions may skip.
/// </summary>
public sealed record PlaylistDetailDto : PlaylistDto
{
    public PlaylistDetailDto(PlaylistDto playlist, IReadOnlyList<PlaylistTrackDto> tracks)
        : base(playlist)
    {
        Tracks = tracks;
    }

    public IReadOnlyList<PlaylistTrackDto> Tracks { get; }
}

/// <summary>A track in a playlist: where it stands, what it is, who made it. Duration in seconds, null until processed.</summary>
public sealed record PlaylistTrackDto(
    int Position,
    Guid Id,
    string Title,
    UserRefDto Artist,
    double? Duration,
    string? ArtworkUrl,
    TrackStatus Status,
    DateTimeOffset AddedAt);

/// <summary>The playlist's track ids in order after a change to them.</summary>
public sealed record PlaylistTrackListDto(Guid PlaylistId, int TrackCount, IReadOnlyList<Guid> TrackIds)
{
    public static PlaylistTrackListDto From(Playlist playlist) => new(playlist.Id, playlist.TrackCount, [.. playlist.Entries.Select(e => e.TrackId)]);
}

public sealed record PlaylistDeletedDto(Guid Id, bool Deleted);

/// <summary>Where a track's artwork is served (the small size, as lists show it); the version changes the URL when the picture does.</summary>
public static class TrackArtworkUrls
{
    public const int ListSize = 128;

    public static string For(Guid trackId, Guid version, int size = ListSize) => $"/api/v1/tracks/{trackId}/artwork?size={size}&v={version:N}";
}
