using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;

namespace Veza.Application.Playlists.Commands.ReorderPlaylistTracks;

/// <summary>Puts the caller's playlist in the order given: exactly its tracks, each once.</summary>
[Authorize]
public sealed record ReorderPlaylistTracksCommand(Guid PlaylistId, IReadOnlyList<Guid> TrackIds) : ICommand<PlaylistTrackListDto>, IRetriedAfterConcurrentChange;
