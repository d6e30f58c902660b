using Microsoft.Extensions.Options;
using Microsoft.Win32.SafeHandles;

namespace Veza.Infrastructure.Streaming;

/// <summary>
/// A small bounded cache of open read handles for the byte routes (docs/decisions/0026): a hot track is
/// opened once, not on every 256 KB range. Entries are keyed by path and the version of what is there
/// (the track's processing stamp), so a reprocessed file is a new entry and never served stale; the
/// least recently used entries beyond the capacity are retired, and a retired handle is closed when the
/// last reader releases it, so a request in flight is never cut and a client that goes away leaks nothing.
/// </summary>
public sealed class OpenFileCache(IOptions<StreamingOptions> options) : IDisposable
{
    private readonly int _capacity = options.Value.OpenFileCacheSize;
    private readonly Dictionary<(string Path, string Version), LinkedListNode<Entry>> _entries = [];
    private readonly LinkedList<Entry> _recency = new();
    private readonly Lock _lock = new();

    /// <summary>Handles open right now (cached or still read by a retired entry's readers).</summary>
    public int OpenHandles => Volatile.Read(ref _open);

    /// <summary>Leases not yet released: a request still reading.</summary>
    public int ActiveLeases => Volatile.Read(ref _leases);

    private int _open;
    private int _leases;

    /// <summary>A lease on an open handle of <paramref name="path"/>, or null when there is no such file. Dispose it when done.</summary>
    public OpenFileLease? Acquire(string path, string version)
    {
        var key = (path, version);
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                return Lease(node.Value);
            }
        }

        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        Interlocked.Increment(ref _open);
        var entry = new Entry(this, handle, RandomAccess.GetLength(handle));
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var raced))
            {
                // Another request opened it meanwhile: use theirs.
                entry.Close();
                _recency.Remove(raced);
                _recency.AddFirst(raced);
                return Lease(raced.Value);
            }

            _entries[key] = _recency.AddFirst(entry);
            entry.Key = key;
            while (_entries.Count > _capacity && _recency.Last is { } oldest)
            {
                Retire(oldest);
            }

            return Lease(entry);
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            while (_recency.Last is { } node)
            {
                Retire(node);
            }
        }
    }

    private OpenFileLease Lease(Entry entry)
    {
        entry.Readers++;
        Interlocked.Increment(ref _leases);
        return new OpenFileLease(entry.Handle, entry.Length, () => Release(entry));
    }

    private void Release(Entry entry)
    {
        Interlocked.Decrement(ref _leases);
        lock (_lock)
        {
            if (--entry.Readers == 0 && entry.Retired)
            {
                entry.Close();
            }
        }
    }

    private void Retire(LinkedListNode<Entry> node)
    {
        _recency.Remove(node);
        _entries.Remove(node.Value.Key);
        node.Value.Retired = true;
        if (node.Value.Readers == 0)
        {
            node.Value.Close();
        }
    }

    private sealed class Entry(OpenFileCache cache, SafeFileHandle handle, long length)
    {
        public SafeFileHandle Handle { get; } = handle;
        public long Length { get; } = length;
        public (string, string) Key { get; set; }
        public int Readers { get; set; }
        public bool Retired { get; set; }

        public void Close()
        {
            Handle.Dispose();
            Interlocked.Decrement(ref cache._open);
        }
    }
}

/// <summary>One reader's hold on a cached handle; releasing it twice is harmless.</summary>
public sealed class OpenFileLease(SafeFileHandle handle, long length, Action release) : IDisposable
{
    private int _released;

    public SafeFileHandle Handle { get; } = handle;
    public long Length { get; } = length;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            release();
        }
    }
}
