using System.Net;
using Amazon.S3;
using Amazon.S3.Model;

namespace Veza.Infrastructure.Storage;

/// <summary>
/// A read-only, seekable stream over one S3 object of known length: it reads through ranged GETs from its position,
/// in windows that grow while it is read straight through (1 MiB to 16 MiB) and start again small after a seek, so a
/// Range request costs one small GET and a whole file a few large ones. Every GET is pinned to the ETag the object had
/// when it was opened, so a reader never mixes two versions of a file (a replaced one fails the read instead).
/// </summary>
public sealed class S3ObjectReadStream(IAmazonS3 s3, string bucket, string key, string etag, long length) : Stream
{
    private const long FirstWindow = 1024 * 1024;
    private const long LargestWindow = 16 * 1024 * 1024;

    private GetObjectResponse? _response;
    private Stream? _body;
    private long _position;
    private long _windowEnd;
    private long _window = FirstWindow;

    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => false;
    public override long Length { get; } = length;

    public override long Position
    {
        get => _position;
        set => Seek(value, SeekOrigin.Begin);
    }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty || _position >= Length)
        {
            return 0;
        }

        if (_body is not null && _position >= _windowEnd)
        {
            CloseWindow();
            _window = Math.Min(_window * 2, LargestWindow);
        }

        if (_body is null)
        {
            await OpenWindowAsync(cancellationToken);
        }

        var read = await _body!.ReadAsync(buffer[..(int)Math.Min(buffer.Length, _windowEnd - _position)], cancellationToken);
        if (read == 0)
        {
            throw new IOException($"S3 ended '{key}' at byte {_position} of {Length}.");
        }

        _position += read;
        return read;
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        var target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => Length + offset,
        };
        ArgumentOutOfRangeException.ThrowIfNegative(target, nameof(offset));
        if (target != _position)
        {
            CloseWindow();
            _window = FirstWindow;
            _position = target;
        }

        return _position;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            CloseWindow();
        }

        base.Dispose(disposing);
    }

    private async Task OpenWindowAsync(CancellationToken cancellationToken)
    {
        var end = Math.Min(Length, _position + _window) - 1;
        try
        {
            _response = await s3.GetObjectAsync(new GetObjectRequest
            {
                BucketName = bucket,
                Key = key,
                ByteRange = new ByteRange(_position, end),
                EtagToMatch = etag,
            }, cancellationToken);
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound)
        {
            throw new IOException($"'{key}' was replaced or deleted while it was read.", ex);
        }

        _body = _response.ResponseStream;
        _windowEnd = end + 1;
    }

    private void CloseWindow()
    {
        _body?.Dispose();
        _response?.Dispose();
        _body = null;
        _response = null;
    }
}
