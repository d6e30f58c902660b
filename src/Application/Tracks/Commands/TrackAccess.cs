using Veza.Application.Common.Exceptions;
using Veza.Domain.Ports;
using Veza.Domain.Tracks;

namespace Veza.Application.Tracks.Commands;

/// <summary>
/// Loads the track a command acts on for the caller: 404 when there is none or the caller may not see it
/// (a private track of someone else is not revealed), 403 when they see it but may not change it.
/// </summary>
internal static class TrackAccess
{
    public static async Task<Track> VisibleAsync(ITrackRepository tracks, Guid trackId, ICurrentUser caller, CancellationToken cancellationToken)
    {
        var track = await tracks.GetAsync(trackId, cancellationToken);
        return track is not null && track.IsVisibleTo(caller.UserId, TrackView.IsAdmin(caller.Role)) ? track : throw TrackView.NotFound();
    }

    /// <summary>The owner only (editing is the uploader's).</summary>
    public static async Task<Track> OwnedAsync(ITrackRepository tracks, Guid trackId, ICurrentUser caller, CancellationToken cancellationToken)
    {
        var track = await VisibleAsync(tracks, trackId, caller, cancellationToken);
        return track.OwnerId == caller.UserId ? track : throw new ForbiddenException("Only the track's owner may change it.");
    }

    /// <summary>The owner or an admin (deleting).</summary>
    public static async Task<Track> OwnedOrAdministeredAsync(ITrackRepository tracks, Guid trackId, ICurrentUser caller, CancellationToken cancellationToken)
    {
        var track = await VisibleAsync(tracks, trackId, caller, cancellationToken);
        return track.OwnerId == caller.UserId || TrackView.IsAdmin(caller.Role) ? track : throw new ForbiddenException("Only the track's owner or an admin may delete it.");
    }
}
