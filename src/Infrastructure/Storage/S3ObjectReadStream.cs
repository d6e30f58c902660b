using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Veza.Infrastructure.Common;

namespace Veza.Infrastructure.Storage;

/// <summary>
/// A read-only, seekable stream over one S3 object of known length: its first read opens one GET from its position to
/// the end (the whole file for a plain read, the tail for a Range), read as the caller reads; a seek elsewhere drops
/// that response and the next read opens another. Every GET is pinned to the ETag the object had when it was opened
/// (If-Match, and the answer's ETag checked, for servers that ignore If-Match): S3 keeps no old version for a reader,
/// so one whose file is replaced meanwhile fails with an <see cref="IOException"/> instead of mixing two versions.
/// </summary>
public sealed class S3ObjectReadStream(IAmazonS3 s3, string bucket, string key, string etag, long length) : Stream
{
    private GetObjectResponse? _response;
    private Stream? _body;
    private long _position;

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

        if (_body is null)
        {
            await OpenAsync(cancellationToken);
        }

        var read = await _body!.ReadAsync(buffer[..(int)Math.Min(buffer.Length, Length - _position)], cancellationToken);
        if (read == 0)
        {
            throw new IOException($"S3 ended '{key}' at byte {_position} of {Length}.");
        }

        _position += read;
        return read;
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        var target = SeekTarget.Of(_position, Length, offset, origin);
        if (target != _position)
        {
            DropResponse();
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
            DropResponse();
        }

        base.Dispose(disposing);
    }

    private async Task OpenAsync(CancellationToken cancellationToken)
    {
        try
        {
            _response = await s3.GetObjectAsync(new GetObjectRequest
            {
                BucketName = bucket,
                Key = key,
                ByteRange = new ByteRange(_position, Length - 1),
                EtagToMatch = etag,
            }, cancellationToken);
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound)
        {
            throw new IOException($"'{key}' was replaced or deleted while it was read.", ex);
        }

        if (_response.ETag != etag)
        {
            DropResponse();
            throw new IOException($"'{key}' was replaced while it was read.");
        }

        _body = _response.ResponseStream;
    }

    private void DropResponse()
    {
        _body?.Dispose();
        _response?.Dispose();
        _body = null;
        _response = null;
    }
}
