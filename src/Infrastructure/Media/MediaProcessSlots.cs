using Microsoft.Extensions.Options;

namespace Veza.Infrastructure.Media;

/// <summary>
/// The node's cap on ffmpeg and ffprobe processes (<see cref="MediaOptions.MaxAudioProcesses"/>, 0 = one per
/// core), shared by audio processing and image re-encoding, so cover art and avatars cannot push the node
/// past it while tracks are processed.
/// </summary>
public sealed class MediaProcessSlots : IDisposable
{
    private readonly SemaphoreSlim _slots;
    private int _inUse;
    private int _peak;

    public MediaProcessSlots(IOptions<MediaOptions> options)
    {
        Capacity = options.Value.MaxAudioProcesses > 0 ? options.Value.MaxAudioProcesses : Environment.ProcessorCount;
        _slots = new SemaphoreSlim(Capacity, Capacity);
    }

    public int Capacity { get; }

    /// <summary>The most processes that ran at once since start (what tests check the cap by).</summary>
    public int Peak => Volatile.Read(ref _peak);

    /// <summary>Runs one tool process once a slot is free.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> run, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        var inUse = Interlocked.Increment(ref _inUse);
        int peak;
        while (inUse > (peak = Volatile.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, inUse, peak) != peak)
        {
        }

        try
        {
            return await run();
        }
        finally
        {
            Interlocked.Decrement(ref _inUse);
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();
}
