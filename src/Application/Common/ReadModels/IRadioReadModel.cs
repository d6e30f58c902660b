using Veza.Application.Common.Models;
using Veza.Application.Radio;

namespace Veza.Application.Common.ReadModels;

/// <summary>Radio's read side, projected from SQL.</summary>
public interface IRadioReadModel
{
    /// <summary>Public stations (unlisted ones only to their people and admins).</summary>
    Task<PagedResult<StationRow>> ListStationsAsync(Guid? viewerId, bool viewerIsAdmin, PageRequest paging, CancellationToken cancellationToken);

    Task<StationRow?> FindStationAsync(Guid stationId, Guid? viewerId, CancellationToken cancellationToken);

    Task<IReadOnlyList<StationMemberDto>> ListMembersAsync(Guid stationId, CancellationToken cancellationToken);

    /// <summary>Pending requests in queue order (priority, votes, age).</summary>
    Task<IReadOnlyList<QueuedRequestDto>> QueueAsync(Guid stationId, Guid? viewerId, CancellationToken cancellationToken);

    Task<PagedResult<StationPlayDto>> HistoryAsync(Guid stationId, PageRequest paging, CancellationToken cancellationToken);

    /// <summary>The rotation's playable tracks: of its playlists and its tags, ready, public, not hidden, radio allowed.</summary>
    Task<IReadOnlyList<Guid>> RotationAsync(Guid[] playlistIds, string[] tags, CancellationToken cancellationToken);

    /// <summary>The tracks the station played, the most recent first.</summary>
    Task<IReadOnlyList<Guid>> RecentlyPlayedAsync(Guid stationId, int count, CancellationToken cancellationToken);

    /// <summary>The track when the radio may play it (ready, public, not hidden, radio allowed); null otherwise.</summary>
    Task<RadioTrack?> PlayableAsync(Guid trackId, CancellationToken cancellationToken);
}
