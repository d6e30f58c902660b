using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;

namespace Veza.Application.Tracks.Commands.ReplaceTrackArtwork;

/// <summary>
/// The owner sets a track's artwork from a PNG, JPEG or WebP picture (the avatar path: square WebP at 512 and
/// 128). It is the uploader's choice from then on: a reprocessed file's embedded cover never replaces it.
/// </summary>
/// <param name="Content">The uploaded bytes, readable and seekable.</param>
[Authorize]
public sealed record ReplaceTrackArtworkCommand(Guid TrackId, Stream Content, long Length) : ICommand<TrackDto>, IRequiresVerifiedEmail;
