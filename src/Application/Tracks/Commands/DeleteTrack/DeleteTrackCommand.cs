using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;

namespace Veza.Application.Tracks.Commands.DeleteTrack;

/// <summary>
/// The owner or an admin deletes a track: the row goes (its likes and playlist entries with it), tag counts
/// drop, its bytes leave the owner's quota at once, and a job deletes every stored file after the commit.
/// </summary>
[Authorize]
public sealed record DeleteTrackCommand(Guid TrackId) : ICommand<TrackDeletedDto>;
