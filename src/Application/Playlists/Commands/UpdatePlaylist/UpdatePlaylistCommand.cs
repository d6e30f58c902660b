using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;
using Veza.Application.Common.Validation;

namespace Veza.Application.Playlists.Commands.UpdatePlaylist;

/// <summary>Changes the fields given (owner only); null leaves a field, an empty description clears it.</summary>
[Authorize]
public sealed record UpdatePlaylistCommand(Guid PlaylistId, string? Title = null, [MultilineText] string? Description = null, string? Visibility = null)
    : ICommand<PlaylistDto>, IRetriedAfterConcurrentChange;
