using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Veza.Application.Common.Exceptions;
using Veza.Application.Tracks.Artwork;
using Veza.Application.Tracks.Commands.UploadTrack;

namespace Veza.Api.Endpoints.Tracks;

/// <summary>
/// Reads the multipart body of POST /api/v1/tracks as a stream, never the whole file: the text fields and
/// the optional artwork come first (small: the fields are read into strings, the artwork is buffered to a
/// temporary file), then the audio part <c>file</c>, which must be the last part (like the file of an S3
/// POST policy form). The command gets the file part's body itself, so the audio flows from the socket
/// to storage; a part after it is found when the file ends, which fails the upload with 400 (the use case
/// then deletes what it stored).
/// </summary>
public sealed class TrackUploadForm : IAsyncDisposable
{
    public const string FileField = UploadTrackCommandHandler.FileField;
    public const string ArtworkField = UploadTrackCommandHandler.ArtworkField;

    /// <summary>The largest text field in UTF-8 bytes (a 5,000-character description fits).</summary>
    public const int MaxFieldBytes = 32 * 1024;

    /// <summary>Room in the body beside the audio: the artwork, the text fields, part headers and boundaries.</summary>
    public const long OtherPartsBytes = TrackArtworkWriter.MaxFileBytes + (256 * 1024);

    public const string OrderMessage = "The file must be the last part of the form: send title, description, tags, visibility, genre and artwork before it.";

    /// <summary>
    /// The multipart reader's buffer: each read of a part's body returns at most this much (the reader scans
    /// it for the boundary), so its default of 4 KB would cost tens of thousands of reads per 100 MB.
    /// </summary>
    public const int ReadBufferBytes = 64 * 1024;

    public static readonly string[] TextFields = ["title", "description", "tags", "visibility", "genre"];

    private readonly FileStream? _artwork;

    private TrackUploadForm(UploadTrackCommand command, FileStream? artwork)
    {
        Command = command;
        _artwork = artwork;
    }

    public UploadTrackCommand Command { get; }

    /// <summary>Reads up to the file part and returns the command that streams it.</summary>
    public static async Task<TrackUploadForm> ReadUntilFileAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            throw new UnsupportedMediaTypeException("Send the track as multipart/form-data.");
        }

        var boundary = HeaderUtilities.RemoveQuotes(contentType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary))
        {
            throw Invalid(FileField, "The multipart content type has no boundary.");
        }

        var body = new ReadCounter(request.Body);
        var reader = new MultipartReader(boundary, body, ReadBufferBytes);
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        FileStream? artwork = null;
        try
        {
            while (await ReadSectionAsync(reader, cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase)
                    || HeaderUtilities.RemoveQuotes(disposition.Name).Value is not { Length: > 0 } name)
                {
                    throw Invalid(FileField, "Each part needs a Content-Disposition: form-data header with a name.");
                }

                if (name == FileField)
                {
                    // What is left of the announced body is the file and the closing boundary ("\r\n--" boundary "--"),
                    // less whatever of the file the reader has already buffered: at most the file's size.
                    long? announced = request.ContentLength is { } total ? Math.Max(0, total - body.BytesRead - (boundary.Length + 6)) : null;
                    var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                    var command = new UploadTrackCommand(
                        new FilePartStream(section.Body, reader, request.HttpContext.RequestAborted),
                        fileName,
                        announced,
                        fields.GetValueOrDefault("title"),
                        fields.GetValueOrDefault("description"),
                        fields.GetValueOrDefault("tags"),
                        fields.GetValueOrDefault("visibility"),
                        fields.GetValueOrDefault("genre"),
                        artwork,
                        artwork?.Length ?? 0);
                    return new TrackUploadForm(command, artwork);
                }

                if (name == ArtworkField)
                {
                    if (artwork is not null)
                    {
                        throw Invalid(name, "Send one artwork part.");
                    }

                    artwork = await BufferArtworkAsync(section.Body, cancellationToken);
                    if (artwork.Length == 0)
                    {
                        // A browser sends an empty part for a file input left empty.
                        await artwork.DisposeAsync();
                        artwork = null;
                    }
                }
                else if (TextFields.Contains(name, StringComparer.Ordinal))
                {
                    if (!fields.TryAdd(name, await ReadTextAsync(name, section.Body, cancellationToken)))
                    {
                        throw Invalid(name, "Send each field once.");
                    }
                }
                else
                {
                    throw Invalid(name, $"Unknown field: the form takes {string.Join(", ", TextFields)}, {ArtworkField} and {FileField} (last).");
                }
            }

            throw Invalid(FileField, "Send the audio as the multipart part 'file', after the other fields.");
        }
        catch
        {
            if (artwork is not null)
            {
                await artwork.DisposeAsync();
            }

            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_artwork is not null)
        {
            await _artwork.DisposeAsync();
        }
    }

    private static RequestValidationException Invalid(string field, string message) => new([new FieldError(field, message)]);

    private static async Task<MultipartSection?> ReadSectionAsync(MultipartReader reader, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadNextSectionAsync(cancellationToken);
        }
        catch (InvalidDataException ex)
        {
            // Part headers over the reader's limits, or not headers at all.
            throw Invalid(FileField, $"The multipart body is malformed: {ex.Message}");
        }
    }

    private static async Task<string?> ReadTextAsync(string name, Stream body, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxFieldBytes + 1];
        var filled = 0;
        int read;
        while (filled < buffer.Length && (read = await body.ReadAsync(buffer.AsMemory(filled), cancellationToken)) > 0)
        {
            filled += read;
        }

        if (filled > MaxFieldBytes)
        {
            throw Invalid(name, $"A field is at most {MaxFieldBytes} bytes.");
        }

        try
        {
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer, 0, filled);
            return text.Length == 0 ? null : text;
        }
        catch (DecoderFallbackException)
        {
            throw Invalid(name, "A field must be UTF-8 text.");
        }
    }

    /// <summary>To a temporary file deleted when closed: the picture path needs a seekable stream, and it is small.</summary>
    private static async Task<FileStream> BufferArtworkAsync(Stream body, CancellationToken cancellationToken)
    {
        var file = new FileStream(Path.Combine(Path.GetTempPath(), $"veza-artwork-{Guid.NewGuid():N}.tmp"), FileMode.CreateNew, FileAccess.ReadWrite,
            FileShare.None, 81920, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        try
        {
            var buffer = new byte[81920];
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                if (file.Length + read > TrackArtworkWriter.MaxFileBytes)
                {
                    throw new FileTooLargeException(TrackArtworkWriter.MaxFileBytes);
                }

                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }

            file.Position = 0;
            return file;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The file part's body for the use case: async reads only (Kestrel allows no others). When the part
    /// ends it checks that the form ends too; the multipart reader's complaint about a body cut short
    /// (while the client is still there) is a malformed request.
    /// </summary>
    private sealed class FilePartStream(Stream part, MultipartReader reader, CancellationToken requestAborted) : Stream
    {
        private bool _ended;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Read the upload asynchronously.");

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            try
            {
                var read = await part.ReadAsync(buffer, cancellationToken);
                if (read == 0 && buffer.Length > 0 && !_ended)
                {
                    _ended = true;
                    if (await reader.ReadNextSectionAsync(cancellationToken) is not null)
                    {
                        throw Invalid(FileField, OrderMessage);
                    }
                }

                return read;
            }
            catch (IOException ex) when (ex is not BadHttpRequestException && !requestAborted.IsCancellationRequested)
            {
                throw Invalid(FileField, "The multipart body ended before the file's closing boundary.");
            }
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>Counts what the multipart reader took from the body (its read-ahead included), to tell how much is left.</summary>
    private sealed class ReadCounter(Stream inner) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => BytesRead;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Read the body asynchronously.");

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken);
            BytesRead += read;
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
