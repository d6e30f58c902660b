namespace Veza.Cluster.Tests;

/// <summary>A request body that arrives slowly: the bytes in 16 KB pieces spread over <c>duration</c>, so a request is still in flight when a test acts.</summary>
public sealed class ThrottledStream(byte[] bytes, TimeSpan duration) : Stream
{
    private const int Piece = 16 * 1024;
    private readonly TimeSpan _pause = duration / Math.Max(1, (bytes.Length + Piece - 1) / Piece);
    private int _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => bytes.Length;

    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_position >= bytes.Length)
        {
            return 0;
        }

        await Task.Delay(_pause, cancellationToken);
        var count = Math.Min(Math.Min(Piece, buffer.Length), bytes.Length - _position);
        bytes.AsMemory(_position, count).CopyTo(buffer);
        _position += count;
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Read asynchronously.");

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
