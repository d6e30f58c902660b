using Veza.Application.Common.Exceptions;
using Veza.Domain.Ports;
using Veza.Domain.Tracks;

namespace Veza.Application.Tracks.Plays;

/// <summary>
/// The one rule for playing a track (stream URLs, play reports): a track the caller may not see (private
/// or hidden, of someone else; anonymous callers see public and unlisted ones) is 404; one not ready is
/// 422 INVALID_STATE with its status.
/// </summary>
public static class PlayableTrack
{
    public static async Task<Track> GetAsync(ITrackRepository tracks, ICurrentUser caller, Guid trackId, CancellationToken cancellationToken)
    {
        var track = await tracks.GetAsync(trackId, cancellationToken);
        if (track is null || !track.IsVisibleTo(caller.UserId, TrackView.IsAdmin(caller.Role)))
        {
            throw new NotFoundException("No such track.");
        }

        return track.Status == TrackStatus.Ready
            ? track
            : throw new InvalidStateException("The track is not ready to play.", "status", track.Status.ToName());
    }
}
