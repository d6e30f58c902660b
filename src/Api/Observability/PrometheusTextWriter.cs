using System.Globalization;
using System.Text;

namespace Veza.Api.Observability;

/// <summary>The Prometheus text exposition format 0.0.4: HELP, TYPE, then one line per sample.</summary>
public static class PrometheusTextWriter
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    [ThreadStatic]
    private static StringBuilder? t_labels;

    public static void WriteFamily(StringBuilder output, MetricFamily family, IEnumerable<Series> series)
    {
        output.Append("# HELP ").Append(family.Name).Append(' ').Append(EscapeHelp(family.Help)).Append('\n');
        output.Append("# TYPE ").Append(family.Name).Append(' ').Append(family.Type switch
        {
            MetricType.Counter => "counter",
            MetricType.Histogram => "histogram",
            _ => "gauge",
        }).Append('\n');
        foreach (var one in series.OrderBy(s => s.Labels, StringComparer.Ordinal))
        {
            var (value, buckets, sum, count) = one.Read();
            if (family.Type != MetricType.Histogram)
            {
                Sample(output, family.Name, one.Labels, null, value);
                continue;
            }

            long cumulative = 0;
            for (var i = 0; i < one.Bounds.Length; i++)
            {
                cumulative += buckets[i];
                Sample(output, family.Name + "_bucket", one.Labels, Number(one.Bounds[i]), cumulative);
            }

            Sample(output, family.Name + "_bucket", one.Labels, "+Inf", count);
            Sample(output, family.Name + "_sum", one.Labels, null, sum);
            Sample(output, family.Name + "_count", one.Labels, null, count);
        }
    }

    /// <summary>A metric or label name: letters, digits and underscores, not starting with a digit.</summary>
    public static string Sanitize(string name)
    {
        var builder = new StringBuilder(name.Length + 1);
        foreach (var c in name)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_');
        }

        if (builder.Length == 0 || char.IsAsciiDigit(builder[0]))
        {
            builder.Insert(0, '_');
        }

        return builder.ToString();
    }

    /// <summary>Renders tags as <c>a="x",b="y"</c>, sorted by name, so one label set is one key.</summary>
    public static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.IsEmpty)
        {
            return string.Empty;
        }

        var sorted = tags.Length == 1 ? tags.ToArray() : SortedCopy(tags);
        var builder = t_labels ??= new StringBuilder(128);
        builder.Clear();
        foreach (var (key, value) in sorted)
        {
            if (builder.Length > 0)
            {
                builder.Append(',');
            }

            builder.Append(Sanitize(key)).Append("=\"");
            AppendEscaped(builder, Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty);
            builder.Append('"');
        }

        return builder.ToString();
    }

    public static string Number(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        double.NaN => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    private static KeyValuePair<string, object?>[] SortedCopy(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = tags.ToArray();
        Array.Sort(copy, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        return copy;
    }

    private static void Sample(StringBuilder output, string name, string labels, string? le, double value)
    {
        output.Append(name);
        if (labels.Length > 0 || le is not null)
        {
            output.Append('{').Append(labels);
            if (le is not null)
            {
                output.Append(labels.Length > 0 ? ",le=\"" : "le=\"").Append(le).Append('"');
            }

            output.Append('}');
        }

        output.Append(' ').Append(Number(value)).Append('\n');
    }

    private static void AppendEscaped(StringBuilder builder, string value)
    {
        foreach (var c in value)
        {
            _ = c switch
            {
                '\\' => builder.Append(@"\\"),
                '"' => builder.Append("\\\""),
                '\n' => builder.Append(@"\n"),
                _ => builder.Append(c),
            };
        }
    }

    private static string EscapeHelp(string help) => help.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("\n", @"\n", StringComparison.Ordinal);
}
