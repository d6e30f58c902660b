using Veza.Application.Common.ReadModels;
using Veza.Domain.Ports;

namespace Veza.Application.Tracks.Commands;

/// <summary>What liking and unliking share: the answer is read back after the change.</summary>
internal static class TrackLikes
{
    /// <summary>Read in the command's transaction, so it includes its own change.</summary>
    public static async Task<TrackLikeStateDto> StateAsync(ITrackCatalog catalog, Guid trackId, ICurrentUser caller, CancellationToken cancellationToken)
    {
        var track = await catalog.FindAsync(trackId, caller.UserId, cancellationToken) ?? throw TrackView.NotFound();
        return new TrackLikeStateDto(trackId, track.LikedByViewer, track.LikeCount);
    }
}
