using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;

namespace Veza.Api.Observability;

/// <summary>
/// Collects <see cref="System.Diagnostics.Metrics"/> measurements for <c>GET /metrics</c> (no Prometheus exporter
/// package restores here; see decision 0041). Listens to this host's own meters (created through its
/// <see cref="IMeterFactory"/>, so two hosts in one process never mix) and to the process-wide meters named
/// in <see cref="GlobalMeters"/> (runtime, Npgsql). Counters add up, up-down counters and gauges keep their
/// level, histograms count into fixed buckets; observable instruments are read at scrape time.
/// </summary>
public sealed class PrometheusCollector : IDisposable
{
    /// <summary>Meters not created through a host's factory, listened to whoever created them.</summary>
    public static readonly IReadOnlySet<string> GlobalMeters = new HashSet<string>(StringComparer.Ordinal) { "System.Runtime", "Npgsql" };

    /// <summary>Meters of this host listened to (created through its <see cref="IMeterFactory"/>).</summary>
    public static readonly IReadOnlySet<string> HostMeters = new HashSet<string>(StringComparer.Ordinal)
    {
        ApiMetrics.MeterName, Veza.Infrastructure.Observability.InfrastructureMetrics.MeterName, "Microsoft.AspNetCore.Http.Connections",
    };

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, InstrumentState> _instruments = new();
    private readonly IMeterFactory _factory;
    private readonly Lock _scrape = new();

    public PrometheusCollector(IMeterFactory factory)
    {
        _factory = factory;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (!Wanted(instrument.Meter))
            {
                return;
            }

            var state = _instruments.GetOrAdd(instrument, i => new InstrumentState(i));
            listener.EnableMeasurementEvents(instrument, state);
        };
        _listener.MeasurementsCompleted = (instrument, state) => _instruments.TryRemove(instrument, out _);
        _listener.SetMeasurementEventCallback<double>(static (_, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<float>(static (_, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<long>(static (_, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>(static (_, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<short>(static (_, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<byte>(static (_, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        _listener.Start();
    }

    private bool Wanted(Meter meter) =>
        meter.Scope is null ? GlobalMeters.Contains(meter.Name) : ReferenceEquals(meter.Scope, _factory) && HostMeters.Contains(meter.Name);

    /// <summary>Reads the observable instruments, then writes every series in the text exposition format 0.0.4.</summary>
    public void WriteTo(StringBuilder output)
    {
        lock (_scrape)
        {
            foreach (var state in _instruments.Values.Where(s => s.IsObservable))
            {
                // A series an observable callback no longer reports is gone, not frozen at its last value.
                state.Clear();
            }

            _listener.RecordObservableInstruments();
            var families = _instruments.Values
                .Where(s => !s.IsEmpty)
                .GroupBy(s => s.Family.Name, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal);
            foreach (var family in families)
            {
                // Two instruments mapping to one name (rare): the first one's type and help win, samples of others that agree are merged.
                var first = family.First();
                PrometheusTextWriter.WriteFamily(output, first.Family, family.Where(s => s.Family.Type == first.Family.Type).SelectMany(s => s.Snapshot()));
            }
        }
    }

    public void Dispose() => _listener.Dispose();

    /// <summary>One instrument's series, keyed by their rendered label set.</summary>
    private sealed class InstrumentState(Instrument instrument)
    {
        public MetricFamily Family { get; } = MetricFamily.Of(instrument);

        public bool IsObservable { get; } = instrument.IsObservable;

        private readonly ConcurrentDictionary<string, Series> _series = new(StringComparer.Ordinal);

        // Rendering the label set (sorting, escaping, a new string) on every measurement was most of the metrics'
        // cost per request (bench.sh telemetry): a measurement whose tags were seen before finds its series by them.
        private readonly ConcurrentDictionary<TagKey, Series> _byTags = new();

        public bool IsEmpty => _series.IsEmpty;

        public void Clear()
        {
            _byTags.Clear();
            _series.Clear();
        }

        // Every instrument's measurement type converts to double without boxing (the callbacks above).
        public void Record(double number, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            Series series;
            if (!TagKey.TryCreate(tags, out var key))
            {
                series = SeriesOf(tags);
            }
            else if (!_byTags.TryGetValue(key, out series!))
            {
                series = _byTags.GetOrAdd(key, SeriesOf(tags));
            }

            if (Family.Type == MetricType.Histogram)
            {
                series.Observe(number);
            }
            else if (IsObservable || !Family.AddsUp)
            {
                // Observable instruments report totals or levels; a synchronous gauge reports its level.
                series.Set(number);
            }
            else
            {
                series.Add(number);
            }
        }

        public IEnumerable<Series> Snapshot() => _series.Values;

        private Series SeriesOf(ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
            _series.GetOrAdd(PrometheusTextWriter.Labels(tags), static (labels, family) => new Series(labels, family.Buckets), Family);
    }

    /// <summary>
    /// Up to four tags (the most Veza's and the runtime's instruments carry) as a dictionary key that costs no
    /// allocation, compared in the order given: the same tags in another order are another key for the same series.
    /// </summary>
    private readonly record struct TagKey(int Count, string? K0, object? V0, string? K1, object? V1, string? K2, object? V2, string? K3, object? V3)
    {
        public static bool TryCreate(ReadOnlySpan<KeyValuePair<string, object?>> tags, out TagKey key)
        {
            key = tags.Length switch
            {
                0 => new TagKey(0, null, null, null, null, null, null, null, null),
                1 => new TagKey(1, tags[0].Key, tags[0].Value, null, null, null, null, null, null),
                2 => new TagKey(2, tags[0].Key, tags[0].Value, tags[1].Key, tags[1].Value, null, null, null, null),
                3 => new TagKey(3, tags[0].Key, tags[0].Value, tags[1].Key, tags[1].Value, tags[2].Key, tags[2].Value, null, null),
                4 => new TagKey(4, tags[0].Key, tags[0].Value, tags[1].Key, tags[1].Value, tags[2].Key, tags[2].Value, tags[3].Key, tags[3].Value),
                _ => default,
            };
            return tags.Length <= 4;
        }
    }
}

public enum MetricType
{
    Counter,
    Gauge,
    Histogram,
}

/// <summary>What a Prometheus family is called and how it is typed, from an instrument's name, unit and kind.</summary>
public sealed record MetricFamily(string Name, MetricType Type, string Help, double[] Buckets, bool AddsUp)
{
    /// <summary>Seconds: from 5 ms (a cached read) to 10 s (an upload's processing step).</summary>
    public static readonly double[] SecondsBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    public static readonly double[] MillisecondsBuckets = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000];

    public static readonly double[] BytesBuckets = [1024, 16384, 131072, 1048576, 8388608, 67108864, 536870912];

    public static readonly double[] CountBuckets = [1, 2, 5, 10, 25, 50, 100, 250, 1000];

    public static MetricFamily Of(Instrument instrument)
    {
        var baseName = PrometheusTextWriter.Sanitize(instrument.Name);
        var unit = instrument.Unit ?? string.Empty;
        var suffix = unit switch
        {
            "s" => "_seconds",
            "ms" => "_milliseconds",
            "By" => "_bytes",
            _ => string.Empty,
        };
        if (suffix.Length > 0 && !baseName.EndsWith(suffix, StringComparison.Ordinal) && !baseName.EndsWith(suffix + "_total", StringComparison.Ordinal))
        {
            baseName += suffix;
        }

        var help = string.IsNullOrWhiteSpace(instrument.Description) ? $"{instrument.Name} ({instrument.Meter.Name})" : instrument.Description!;
        var type = instrument.GetType().Name switch
        {
            var n when n.StartsWith("Histogram", StringComparison.Ordinal) => MetricType.Histogram,
            var n when n.StartsWith("Counter", StringComparison.Ordinal) || n.StartsWith("ObservableCounter", StringComparison.Ordinal) => MetricType.Counter,
            _ => MetricType.Gauge,
        };
        // "_count" belongs to histogram samples (promtool refuses it elsewhere): db.client.connection.count becomes db_client_connection_number.
        if (type != MetricType.Histogram && baseName.EndsWith("_count", StringComparison.Ordinal))
        {
            baseName = baseName[..^"_count".Length] + "_number";
        }

        if (type == MetricType.Counter && !baseName.EndsWith("_total", StringComparison.Ordinal))
        {
            baseName += "_total";
        }

        var buckets = suffix switch
        {
            "_seconds" => SecondsBuckets,
            "_milliseconds" => MillisecondsBuckets,
            "_bytes" => BytesBuckets,
            _ => CountBuckets,
        };
        // Counters and up-down counters report changes, added up; a synchronous gauge reports its level.
        var addsUp = instrument.GetType().Name.StartsWith("Counter", StringComparison.Ordinal) || instrument.GetType().Name.StartsWith("UpDownCounter", StringComparison.Ordinal);
        return new MetricFamily(baseName, type, help, buckets, addsUp);
    }
}

/// <summary>One labelled series: a value, or a histogram's bucket counts, sum and count.</summary>
public sealed class Series(string labels, double[] bounds)
{
    private readonly Lock _gate = new();
    private readonly long[] _buckets = new long[bounds.Length];
    private double _value;
    private double _sum;
    private long _count;

    public string Labels { get; } = labels;

    public double[] Bounds { get; } = bounds;

    public void Add(double delta)
    {
        lock (_gate)
        {
            _value += delta;
        }
    }

    public void Set(double value)
    {
        lock (_gate)
        {
            _value = value;
        }
    }

    public void Observe(double value)
    {
        lock (_gate)
        {
            var index = Array.BinarySearch(Bounds, value);
            // Buckets are cumulative when written; here each observation lands in its first bucket only.
            index = index >= 0 ? index : ~index;
            if (index < _buckets.Length)
            {
                _buckets[index]++;
            }

            _sum += value;
            _count++;
        }
    }

    public (double Value, long[] Buckets, double Sum, long Count) Read()
    {
        lock (_gate)
        {
            return (_value, (long[])_buckets.Clone(), _sum, _count);
        }
    }
}
