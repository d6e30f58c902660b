using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;

namespace Veza.Application.Playlists.Commands.DeletePlaylist;

/// <summary>Deletes a playlist (its owner, or an admin: audited). The tracks stay.</summary>
[Authorize]
public sealed record DeletePlaylistCommand(Guid PlaylistId) : ICommand<PlaylistDeletedDto>;
