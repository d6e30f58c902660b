using Veza.Api.Http;
using Veza.Application.Tracks.Artwork;
using Veza.Application.Tracks.Commands.UploadTrack;

namespace Veza.Api.Endpoints.Tracks;

/// <summary>
/// POST /api/v1/tracks read as a stream (<see cref="StreamedUploadForm"/>): the text fields and the optional artwork
/// (buffered to a temporary file) come first, then the audio part <c>file</c>, last.
/// </summary>
public sealed class TrackUploadForm : IAsyncDisposable
{
    public const string FileField = UploadTrackCommandHandler.FileField;
    public const string ArtworkField = UploadTrackCommandHandler.ArtworkField;

    /// <summary>Room in the body beside the audio: the artwork, the text fields, part headers and boundaries.</summary>
    public const long OtherPartsBytes = TrackArtworkWriter.MaxFileBytes + (256 * 1024);

    public const string OrderMessage = "The file must be the last part of the form: send title, description, tags, visibility, genre and artwork before it.";

    public static readonly string[] TextFields = ["title", "description", "tags", "visibility", "genre"];

    private static readonly StreamedUploadSpec Spec = new(TextFields, new Dictionary<string, long> { [ArtworkField] = TrackArtworkWriter.MaxFileBytes }, OrderMessage);

    private readonly StreamedUploadForm _form;

    private TrackUploadForm(StreamedUploadForm form, UploadTrackCommand command)
    {
        _form = form;
        Command = command;
    }

    public UploadTrackCommand Command { get; }

    /// <summary>Reads up to the file part and returns the command that streams it.</summary>
    public static async Task<TrackUploadForm> ReadUntilFileAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var form = await StreamedUploadForm.ReadUntilFileAsync(request, Spec, cancellationToken);
        var artwork = form.Buffered.GetValueOrDefault(ArtworkField);
        var command = new UploadTrackCommand(
            form.File,
            form.FileName,
            form.AnnouncedLength,
            form.Field("title"),
            form.Field("description"),
            form.Field("tags"),
            form.Field("visibility"),
            form.Field("genre"),
            artwork,
            artwork?.Length ?? 0);
        return new TrackUploadForm(form, command);
    }

    public ValueTask DisposeAsync() => _form.DisposeAsync();
}
