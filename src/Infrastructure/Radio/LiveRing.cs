namespace Veza.Infrastructure.Radio;

/// <summary>
/// A station's live audio: one writer (the encoder) and any number of readers, each at its own absolute
/// position. The newest <c>capacity</c> bytes are kept; a reader further behind jumps to the oldest byte
/// kept (it skips rather than holding memory). Titles are marked at the byte where their track starts, so
/// each reader's ICY metadata changes exactly at the boundary it hears.
/// </summary>
public sealed class LiveRing(int capacity)
{
    private readonly byte[] _buffer = new byte[capacity];
    private readonly Lock _lock = new();
    private readonly List<(long Position, string Title)> _titles = [];
    private long _written;
    private TaskCompletionSource _more = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _closed;

    /// <summary>Everything written so far: the live position.</summary>
    public long Live
    {
        get
        {
            lock (_lock)
            {
                return _written;
            }
        }
    }

    public void Write(ReadOnlySpan<byte> data)
    {
        TaskCompletionSource woken;
        lock (_lock)
        {
            if (data.Length > capacity)
            {
                _written += data.Length - capacity;
                data = data[^capacity..];
            }

            // At most two copies: up to the end of the buffer, then from its start.
            var at = (int)(_written % capacity);
            var first = Math.Min(data.Length, capacity - at);
            data[..first].CopyTo(_buffer.AsSpan(at));
            data[first..].CopyTo(_buffer);
            _written += data.Length;

            woken = _more;
            _more = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        woken.TrySetResult();
    }

    public void MarkTitle(string title)
    {
        lock (_lock)
        {
            _titles.Add((_written, title));
            // Titles older than the oldest kept byte can no longer be heard.
            var oldest = _written - capacity;
            while (_titles.Count > 1 && _titles[1].Position <= oldest)
            {
                _titles.RemoveAt(0);
            }
        }
    }

    /// <summary>Ends the stream: readers get what is left, then nothing.</summary>
    public void Close()
    {
        TaskCompletionSource woken;
        lock (_lock)
        {
            _closed = true;
            woken = _more;
        }

        woken.TrySetResult();
    }

    /// <summary>Where a new listener starts: <paramref name="burstBytes"/> behind live, within what is kept.</summary>
    public long StartFor(int burstBytes)
    {
        lock (_lock)
        {
            return Math.Max(Math.Max(0, _written - capacity), _written - burstBytes);
        }
    }

    /// <summary>Copies what is there from <paramref name="position"/> (moved forward if it was dropped); 0 only when the stream is closed.</summary>
    public async ValueTask<(int Count, long Position)> ReadAsync(long position, Memory<byte> destination, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task wait;
            lock (_lock)
            {
                position = Math.Max(position, _written - capacity);
                var available = (int)Math.Min(_written - position, destination.Length);
                if (available > 0)
                {
                    var at = (int)(position % capacity);
                    var first = Math.Min(available, capacity - at);
                    _buffer.AsSpan(at, first).CopyTo(destination.Span);
                    _buffer.AsSpan(0, available - first).CopyTo(destination.Span[first..]);
                    return (available, position);
                }

                if (_closed)
                {
                    return (0, position);
                }

                wait = _more.Task;
            }

            await wait.WaitAsync(cancellationToken);
        }
    }

    /// <summary>The title of the track playing at <paramref name="position"/>.</summary>
    public string? TitleAt(long position)
    {
        lock (_lock)
        {
            string? title = null;
            foreach (var (at, name) in _titles)
            {
                if (at > position)
                {
                    break;
                }

                title = name;
            }

            return title;
        }
    }
}
