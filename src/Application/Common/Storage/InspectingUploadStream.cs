using System.Security.Cryptography;

namespace Veza.Application.Common.Storage;

/// <summary>
/// Reads an upload once, on its way to storage, and learns what the checks after it need without a
/// second pass or a buffer of the whole file: the byte count, the SHA-256 (computed incrementally), and
/// the first <see cref="HeaderLength"/> bytes for sniffing. Reading past <see cref="Limit"/> bytes
/// throws <see cref="UploadLimitExceededException"/> at once, so an oversize upload stops where it
/// crosses the limit instead of filling the disk. Read-only and forward-only.
/// </summary>
public sealed class InspectingUploadStream : Stream
{
    private readonly Stream _source;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly byte[] _header;
    private int _headerFilled;
    private string? _sha256;

    /// <param name="source">The upload; not disposed by this stream.</param>
    /// <param name="limit">The most bytes accepted.</param>
    /// <param name="headerLength">How many leading bytes to keep.</param>
    public InspectingUploadStream(Stream source, long limit, int headerLength)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        ArgumentOutOfRangeException.ThrowIfNegative(headerLength);
        _source = source;
        Limit = limit;
        _header = new byte[headerLength];
    }

    public long Limit { get; }

    /// <summary>Bytes read so far (all of them once the source is exhausted).</summary>
    public long BytesRead { get; private set; }

    public int HeaderLength => _header.Length;

    /// <summary>The leading bytes read so far (fewer than <see cref="HeaderLength"/> for a shorter file).</summary>
    public ReadOnlySpan<byte> Header => _header.AsSpan(0, _headerFilled);

    /// <summary>True once a read returned 0: the whole upload went through.</summary>
    public bool Completed { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => BytesRead;
        set => throw new NotSupportedException();
    }

    /// <summary>SHA-256 of everything read, lowercase hex. Only once the upload is complete.</summary>
    public string Sha256Hex()
    {
        if (!Completed)
        {
            throw new InvalidOperationException("The upload has not been read to its end.");
        }

        return _sha256 ??= Convert.ToHexStringLower(_hash.GetHashAndReset());
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = _source.Read(buffer);
        Observe(buffer[..read], buffer.Length);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await _source.ReadAsync(buffer, cancellationToken);
        Observe(buffer.Span[..read], buffer.Length);
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Observe(ReadOnlySpan<byte> chunk, int requested)
    {
        if (chunk.IsEmpty)
        {
            // A read of nothing into an empty buffer says nothing about the end.
            Completed |= requested > 0;
            return;
        }

        BytesRead += chunk.Length;
        if (BytesRead > Limit)
        {
            throw new UploadLimitExceededException(Limit);
        }

        if (_headerFilled < _header.Length)
        {
            var take = Math.Min(chunk.Length, _header.Length - _headerFilled);
            chunk[..take].CopyTo(_header.AsSpan(_headerFilled));
            _headerFilled += take;
        }

        _hash.AppendData(chunk);
    }
}

/// <summary>An upload went past the bytes its reader accepts; the use case says which limit that was (size or quota).</summary>
public sealed class UploadLimitExceededException(long limit) : Exception($"The upload exceeds {limit} bytes.")
{
    public long Limit { get; } = limit;
}
