using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Veza.Application.Common.Exceptions;

namespace Veza.Api.Http;

/// <summary>
/// What a streamed upload form takes: its text fields, the small files buffered before the main one (each with its
/// size limit), and what to say when the main file is not the last part.
/// </summary>
public sealed record StreamedUploadSpec(IReadOnlyList<string> TextFields, IReadOnlyDictionary<string, long> BufferedFiles, string OrderMessage);

/// <summary>
/// Reads a multipart upload as a stream, never the whole file: the text fields and any small files come first (the
/// fields into strings, small files buffered to temporary files), then the part <c>file</c>, which must be the last
/// part (like the file of an S3 POST policy form). The use case gets the file part's body itself, so the bytes flow
/// from the socket to storage; a part after it is found when the file ends, which fails the upload with 400 (the use
/// case then deletes what it stored). One reader for every streamed upload (tracks, shared resources and their versions).
/// </summary>
public sealed class StreamedUploadForm : IAsyncDisposable
{
    public const string FileField = "file";

    /// <summary>The largest text field in UTF-8 bytes (a 5,000-character description fits).</summary>
    public const int MaxFieldBytes = 32 * 1024;

    /// <summary>
    /// The multipart reader's buffer: each read of a part's body returns at most this much (the reader scans
    /// it for the boundary), so its default of 4 KB would cost tens of thousands of reads per 100 MB.
    /// </summary>
    public const int ReadBufferBytes = 64 * 1024;

    private readonly Dictionary<string, FileStream> _buffered;

    private StreamedUploadForm(IReadOnlyDictionary<string, string?> fields, Dictionary<string, FileStream> buffered, Stream file, string? fileName, long? announcedLength)
    {
        Fields = fields;
        _buffered = buffered;
        File = file;
        FileName = fileName;
        AnnouncedLength = announcedLength;
    }

    public IReadOnlyDictionary<string, string?> Fields { get; }

    /// <summary>The small files sent before the main one, readable and seekable, by field name (absent when not sent or empty).</summary>
    public IReadOnlyDictionary<string, FileStream> Buffered => _buffered;

    /// <summary>The main file's body: read once, forward only, asynchronously.</summary>
    public Stream File { get; }

    public string? FileName { get; }

    /// <summary>
    /// What is left of the announced body once the file starts: the file and the closing boundary ("\r\n--" boundary "--"),
    /// less whatever of the file the reader has already buffered, so at most the file's size; null for a chunked body.
    /// </summary>
    public long? AnnouncedLength { get; }

    public string? Field(string name) => Fields.GetValueOrDefault(name);

    /// <summary>Reads up to the file part.</summary>
    public static async Task<StreamedUploadForm> ReadUntilFileAsync(HttpRequest request, StreamedUploadSpec spec, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            throw new UnsupportedMediaTypeException("Send the upload as multipart/form-data.");
        }

        var boundary = HeaderUtilities.RemoveQuotes(contentType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary))
        {
            throw Invalid(FileField, "The multipart content type has no boundary.");
        }

        var body = new ReadCounter(request.Body);
        var reader = new MultipartReader(boundary, body, ReadBufferBytes);
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        var buffered = new Dictionary<string, FileStream>(StringComparer.Ordinal);
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
                    long? announced = request.ContentLength is { } total ? Math.Max(0, total - body.BytesRead - (boundary.Length + 6)) : null;
                    var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                    return new StreamedUploadForm(
                        fields, buffered, new FilePartStream(section.Body, reader, spec.OrderMessage, request.HttpContext.RequestAborted), fileName, announced);
                }

                if (spec.BufferedFiles.TryGetValue(name, out var maxBytes))
                {
                    if (buffered.ContainsKey(name) || fields.ContainsKey(name))
                    {
                        throw Invalid(name, $"Send one {name} part.");
                    }

                    var file = await BufferAsync(section.Body, maxBytes, cancellationToken);
                    if (file.Length == 0)
                    {
                        // A browser sends an empty part for a file input left empty.
                        await file.DisposeAsync();
                        fields[name] = null;
                    }
                    else
                    {
                        buffered[name] = file;
                    }
                }
                else if (spec.TextFields.Contains(name, StringComparer.Ordinal))
                {
                    if (!fields.TryAdd(name, await ReadTextAsync(name, section.Body, cancellationToken)))
                    {
                        throw Invalid(name, "Send each field once.");
                    }
                }
                else
                {
                    throw Invalid(name, $"Unknown field: the form takes {string.Join(", ", spec.TextFields.Concat(spec.BufferedFiles.Keys))} and {FileField} (last).");
                }
            }

            throw Invalid(FileField, $"Send the file as the multipart part '{FileField}', after the other fields.");
        }
        catch
        {
            foreach (var file in buffered.Values)
            {
                await file.DisposeAsync();
            }

            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var file in _buffered.Values)
        {
            await file.DisposeAsync();
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

    /// <summary>To a temporary file deleted when closed: what reads it needs a seekable stream, and it is small.</summary>
    private static async Task<FileStream> BufferAsync(Stream body, long maxBytes, CancellationToken cancellationToken)
    {
        var file = new FileStream(Path.Combine(Path.GetTempPath(), $"veza-upload-{Guid.NewGuid():N}.tmp"), FileMode.CreateNew, FileAccess.ReadWrite,
            FileShare.None, 81920, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        try
        {
            var buffer = new byte[81920];
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                if (file.Length + read > maxBytes)
                {
                    throw new FileTooLargeException(maxBytes);
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
    private sealed class FilePartStream(Stream part, MultipartReader reader, string orderMessage, CancellationToken requestAborted) : Stream
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
                        throw Invalid(FileField, orderMessage);
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
