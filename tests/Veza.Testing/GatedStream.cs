namespace Veza.Testing;

/// <summary>
/// A request body that sends its first <c>pauseAt</c> bytes, then waits for <c>gate</c> before the rest: a test holds
/// a request in flight for exactly as long as it needs, instead of guessing with delays.
/// </summary>
public sealed class GatedStream(byte[] content, int pauseAt, Task gate) : MemoryStream(content)
{
    private readonly TaskCompletionSource _paused = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the first part is sent and the stream waits at the gate.</summary>
    public Task Paused => _paused.Task;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (Position >= pauseAt && !gate.IsCompleted)
        {
            _paused.TrySetResult();
            await gate.WaitAsync(cancellationToken);
        }

        var limit = Position < pauseAt ? (int)Math.Min(buffer.Length, pauseAt - Position) : buffer.Length;
        return await base.ReadAsync(buffer[..limit], cancellationToken);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
}
