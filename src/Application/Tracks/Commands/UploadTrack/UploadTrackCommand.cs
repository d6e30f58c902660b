using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;
using Veza.Application.Common.Validation;

namespace Veza.Application.Tracks.Commands.UploadTrack;

/// <summary>
/// Uploads a track: the audio streams from <paramref name="Content"/> straight to storage (never whole in
/// memory), is recognised by its bytes, counted against the owner's quota and hashed on the way; the
/// track is answered in status processing and a processing job is queued with it.
/// </summary>
/// <param name="Content">The audio, read once, forward only (the request body's file part).</param>
/// <param name="FileName">The name the client gave the file: a title when none is given, nothing else.</param>
/// <param name="AnnouncedLength">
/// The most the file can be, from what the client announced (the request's Content-Length less what came
/// before the file), or null when unknown (a chunked body): larger than a limit is refused before storing.
/// </param>
/// <param name="Title">Null or blank: the file name's stem, replaced by an embedded title when processing finds one.</param>
/// <param name="Tags">A comma list.</param>
/// <param name="Visibility">public (default), unlisted or private.</param>
/// <param name="Artwork">An optional picture, readable and seekable (small: the HTTP layer buffers it to a temporary file).</param>
[Authorize]
public sealed record UploadTrackCommand(
    Stream Content,
    string? FileName,
    long? AnnouncedLength,
    string? Title = null,
    [property: MultilineText] string? Description = null,
    string? Tags = null,
    string? Visibility = null,
    string? Genre = null,
    Stream? Artwork = null,
    long ArtworkLength = 0) : ICommand<UploadedTrackDto>, IRequiresVerifiedEmail, IStreamsBeforeItsTransaction;
