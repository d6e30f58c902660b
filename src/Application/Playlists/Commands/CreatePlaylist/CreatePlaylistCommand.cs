using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;
using Veza.Application.Common.Validation;

namespace Veza.Application.Playlists.Commands.CreatePlaylist;

/// <summary>Creates an empty playlist owned by the caller; visibility public unless given.</summary>
[Authorize]
public sealed record CreatePlaylistCommand(string Title, [MultilineText] string? Description = null, string? Visibility = null) : ICommand<PlaylistDto>;
