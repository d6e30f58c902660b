using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;

namespace Veza.Application.Tracks.Commands.ReprocessTrack;

/// <summary>Queues a failed track's processing again (its owner or an admin).</summary>
[Authorize]
public sealed record ReprocessTrackCommand(Guid TrackId) : ICommand<UploadedTrackDto>;
