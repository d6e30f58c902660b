using System.Collections.Concurrent;

namespace Veza.Application.Tracks.Plays;

/// <summary>What one listener was served of one file of a track since the last drain.</summary>
/// <param name="Fraction">Bytes served over the file's length, summed (1.0 is the whole file once).</param>
public sealed record ServedAudio(Guid TrackId, string ListenerId, string File, double Fraction);

/// <summary>
/// The in-memory side of <see cref="IServedAudioMeter"/>: adds up per (track, listener, file) with one
/// interlocked add on the hot path; the flusher drains the sums every few seconds into the play ledger.
/// </summary>
public sealed class ServedAudioMeter : IServedAudioMeter
{
    private const double Scale = 1_000_000d;
    private readonly ConcurrentDictionary<(Guid Track, string Listener, string File), Sum> _sums = new();

    public void Record(Guid trackId, string listenerId, string file, long bytesServed, long fileLength)
    {
        if (bytesServed > 0 && fileLength > 0)
        {
            Add((trackId, listenerId, file), (long)Math.Round(Scale * bytesServed / fileLength));
        }
    }

    /// <summary>
    /// Takes what was recorded since the last drain. An entry idle for a whole drain is retired: a writer
    /// that still adds to it afterwards sees the flag and moves its amount to a fresh entry, so nothing is
    /// lost or counted twice (each amount leaves a Sum through exactly one atomic exchange).
    /// </summary>
    public IReadOnlyList<ServedAudio> Drain()
    {
        var drained = new List<ServedAudio>();
        foreach (var (key, sum) in _sums)
        {
            var taken = Interlocked.Exchange(ref sum.PartsPerMillion, 0);
            if (taken == 0)
            {
                Interlocked.Exchange(ref sum.Retired, 1);
                taken = Interlocked.Exchange(ref sum.PartsPerMillion, 0);
                _sums.TryRemove(new KeyValuePair<(Guid, string, string), Sum>(key, sum));
            }

            if (taken > 0)
            {
                drained.Add(new ServedAudio(key.Track, key.Listener, key.File, taken / Scale));
            }
        }

        return drained;
    }

    /// <summary>Takes what was recorded for one listener of one track (every file), before the next drain.</summary>
    public IReadOnlyList<ServedAudio> Take(Guid trackId, string listenerId)
    {
        var taken = new List<ServedAudio>();
        foreach (var (key, sum) in _sums)
        {
            if (key.Track == trackId && key.Listener == listenerId && Interlocked.Exchange(ref sum.PartsPerMillion, 0) is var amount and > 0)
            {
                taken.Add(new ServedAudio(key.Track, key.Listener, key.File, amount / Scale));
            }
        }

        return taken;
    }

    /// <summary>Puts back what was drained or taken but could not be saved, for the next drain.</summary>
    public void Restore(IEnumerable<ServedAudio> served)
    {
        foreach (var s in served)
        {
            Add((s.TrackId, s.ListenerId, s.File), (long)Math.Round(s.Fraction * Scale));
        }
    }

    private void Add((Guid, string, string) key, long amount)
    {
        var sum = _sums.GetOrAdd(key, static _ => new Sum());
        Interlocked.Add(ref sum.PartsPerMillion, amount);
        if (Volatile.Read(ref sum.Retired) == 1 && Interlocked.Exchange(ref sum.PartsPerMillion, 0) is var orphaned and > 0)
        {
            Add(key, orphaned);
        }
    }

    private sealed class Sum
    {
        public long PartsPerMillion;
        public int Retired;
    }
}
