using Veza.Application.Common.ReadModels;
using Veza.Domain.Ports;
using Veza.Domain.Tracks;

namespace Veza.Application.Tracks.Commands;

/// <summary>A command's answer: the track as changed (not yet saved), shown to the caller like any read.</summary>
internal static class TrackAnswer
{
    public static async Task<TrackDto> ForAsync(Track track, ITrackCatalog catalog, ICurrentUser caller, CancellationToken cancellationToken)
    {
        var stored = await catalog.FindAsync(track.Id, caller.UserId, cancellationToken) ?? throw TrackView.NotFound();
        return TrackView.For(TrackData.From(track, stored.OwnerUsername, stored.LikedByViewer), caller.UserId, caller.Role);
    }
}
