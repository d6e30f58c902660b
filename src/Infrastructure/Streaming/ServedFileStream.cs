using Veza.Infrastructure.Common;

namespace Veza.Infrastructure.Streaming;

/// <summary>
/// A read-only, seekable view of a served file for the framework's file result (which does the RFC 9110
/// range and conditional work): over a cached handle it reads with <see cref="RandomAccess"/> at its own
/// position, so many requests share one handle; over any other stream it passes through. Either way it
/// counts the bytes read and, when disposed (the response ended, completed or cut), reports them once
/// and releases what it holds.
/// </summary>
public sealed class ServedFileStream : Stream
{
    private readonly OpenFileLease? _lease;
    private readonly Stream? _inner;
    private readonly Action<long> _served;
    /// <summary>How much an in-place reader reads between two yields to the thread pool (see <see cref="ReadAsync(Memory{byte}, CancellationToken)"/>).</summary>
    private const long YieldEvery = 1024 * 1024;

    private long _position;
    private long _read;
    private long _readSinceYield;
    private int _disposed;

    private ServedFileStream(OpenFileLease? lease, Stream? inner, long length, Action<long> served)
    {
        _lease = lease;
        _inner = inner;
        Length = length;
        _served = served;
    }

    public static ServedFileStream Over(OpenFileLease lease, Action<long> served) => new(lease, null, lease.Length, served);

    public static ServedFileStream Over(Stream stream, long length, Action<long> served) => new(null, stream, length, served);

    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => false;
    public override long Length { get; }

    public override long Position
    {
        get => _position;
        set => Seek(value, SeekOrigin.Begin);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = _lease is not null ? RandomAccess.Read(_lease.Handle, buffer, _position) : _inner!.Read(buffer);
        return Advance(read);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_inner is not null)
        {
            return Advance(await _inner.ReadAsync(buffer, cancellationToken));
        }

        // A cached handle is read in place: served files sit in the page cache, and queueing every 64 KB
        // chunk to the thread pool (what ReadAsync does with a synchronous handle) costs more than the read.
        // But once a client has gone, Kestrel drops the response's writes at once and cancels RequestAborted
        // from a thread-pool item: a copy loop that never yields would read (and meter) the whole file before
        // that item runs on a busy machine. Yielding every megabyte lets it run, and the next read stops.
        if (_readSinceYield >= YieldEvery)
        {
            _readSinceYield = 0;
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
        }

        var read = RandomAccess.Read(_lease!.Handle, buffer.Span, _position);
        _readSinceYield += read;
        return Advance(read);
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        var target = SeekTarget.Of(_position, Length, offset, origin);
        _position = _inner is not null ? _inner.Seek(target, SeekOrigin.Begin) : target;
        return _position;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _lease?.Dispose();
            _inner?.Dispose();
            _served(_read);
        }

        base.Dispose(disposing);
    }

    private int Advance(int read)
    {
        _position += read;
        _read += read;
        return read;
    }
}
