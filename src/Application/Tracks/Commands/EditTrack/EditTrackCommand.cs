using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;
using Veza.Application.Common.Validation;

namespace Veza.Application.Tracks.Commands.EditTrack;

/// <summary>
/// The owner changes a track's details: a field left out (or null) stays, an empty description or genre
/// clears it, <see cref="Tags"/> replaces the whole list (tag usage counts follow). Retried once when it
/// races a like or processing on the row.
/// </summary>
[Authorize]
public sealed record EditTrackCommand(
    Guid TrackId,
    string? Title = null,
    [MultilineText] string? Description = null,
    IReadOnlyList<string>? Tags = null,
    string? Visibility = null,
    string? Genre = null,
    bool? AllowRadio = null) : ICommand<TrackDto>, IRetriedAfterConcurrentChange;
