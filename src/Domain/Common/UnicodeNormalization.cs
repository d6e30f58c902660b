using System.Globalization;
using System.Text;

namespace Veza.Domain.Common;

/// <summary>
/// Unicode Normalization Form KC (UAX #15) over tables generated from the Unicode Character Database
/// (<c>build/update-unicode-tables.sh</c>). <see cref="string.Normalize()"/> cannot serve: the
/// solution runs with InvariantGlobalization, where it returns its input unchanged, so "ｎｏｖａ" and
/// "nova" would stay two accounts.
/// </summary>
public static partial class UnicodeNormalization
{
    // Hangul syllables are composed and decomposed by arithmetic (Unicode 15, section 3.12), not tables.
    private const int SBase = 0xAC00, LBase = 0x1100, VBase = 0x1161, TBase = 0x11A7;
    private const int LCount = 19, VCount = 21, TCount = 28, NCount = VCount * TCount, SCount = LCount * NCount;

    private static readonly Lazy<Tables> Data = new(Tables.Parse, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The NFKC form of <paramref name="text"/>; an unpaired surrogate becomes U+FFFD.</summary>
    public static string ToNfkc(string text)
    {
        // ASCII is its own NFKC, and nearly every input is ASCII: no tables, no allocation.
        if (Ascii.IsValid(text))
        {
            return text;
        }

        var tables = Data.Value;
        var builder = new StringBuilder(text.Length);
        foreach (var codePoint in Compose(DecomposeAll(text, tables), tables))
        {
            builder.Append(new Rune(codePoint).ToString());
        }

        return builder.ToString();
    }

    public static bool IsNfkc(string text) => string.Equals(text, ToNfkc(text), StringComparison.Ordinal);

    /// <summary>The NFKD form of <paramref name="text"/> (decomposed, marks in canonical order): letters and their accents apart.</summary>
    public static string ToNfkd(string text)
    {
        if (Ascii.IsValid(text))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var codePoint in DecomposeAll(text, Data.Value))
        {
            builder.Append(new Rune(codePoint).ToString());
        }

        return builder.ToString();
    }

    /// <summary>Full compatibility decomposition with marks in canonical order (the first half of NFKC).</summary>
    private static List<int> DecomposeAll(string text, Tables tables)
    {
        var decomposed = new List<int>(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            Decompose(rune.Value, decomposed, tables);
        }

        SortCombiningMarks(decomposed, tables);
        return decomposed;
    }

    private static void Decompose(int codePoint, List<int> output, Tables tables)
    {
        if (codePoint is >= SBase and < SBase + SCount)
        {
            var index = codePoint - SBase;
            output.Add(LBase + (index / NCount));
            output.Add(VBase + (index % NCount / TCount));
            if (index % TCount != 0)
            {
                output.Add(TBase + (index % TCount));
            }
        }
        else if (tables.Decompositions.TryGetValue(codePoint, out var full))
        {
            output.AddRange(full);
        }
        else
        {
            output.Add(codePoint);
        }
    }

    /// <summary>Canonical ordering: each run of combining marks stably sorted by combining class.</summary>
    private static void SortCombiningMarks(List<int> codePoints, Tables tables)
    {
        for (var i = 1; i < codePoints.Count; i++)
        {
            var current = codePoints[i];
            var currentClass = tables.ClassOf(current);
            if (currentClass == 0)
            {
                continue;
            }

            var j = i;
            while (j > 0 && tables.ClassOf(codePoints[j - 1]) > currentClass)
            {
                codePoints[j] = codePoints[j - 1];
                j--;
            }

            codePoints[j] = current;
        }
    }

    /// <summary>Canonical composition: each mark joins the last starter unless a mark of the same or higher class stands between.</summary>
    private static List<int> Compose(List<int> codePoints, Tables tables)
    {
        var output = new List<int>(codePoints.Count);
        var starter = -1;
        var lastClass = 0;
        foreach (var codePoint in codePoints)
        {
            var combiningClass = tables.ClassOf(codePoint);
            var blocked = starter >= 0 && output.Count - 1 > starter && lastClass >= combiningClass;
            if (starter >= 0 && !blocked && TryCompose(output[starter], codePoint, tables) is { } composite)
            {
                output[starter] = composite;
                continue;
            }

            if (combiningClass == 0)
            {
                starter = output.Count;
            }

            output.Add(codePoint);
            lastClass = combiningClass;
        }

        return output;
    }

    private static int? TryCompose(int first, int second, Tables tables)
    {
        if (first is >= LBase and < LBase + LCount && second is >= VBase and < VBase + VCount)
        {
            return SBase + ((((first - LBase) * VCount) + (second - VBase)) * TCount);
        }

        if (first is >= SBase and < SBase + SCount && (first - SBase) % TCount == 0 && second is > TBase and < TBase + TCount)
        {
            return first + (second - TBase);
        }

        return tables.Compositions.TryGetValue(Pair(first, second), out var composite) ? composite : null;
    }

    private static long Pair(int first, int second) => ((long)first << 21) | (uint)second;

    private sealed class Tables
    {
        public required Dictionary<int, int[]> Decompositions { get; init; }
        public required Dictionary<int, byte> Classes { get; init; }
        public required Dictionary<long, int> Compositions { get; init; }

        public int ClassOf(int codePoint) => Classes.TryGetValue(codePoint, out var value) ? value : 0;

        public static Tables Parse() => new()
        {
            Decompositions = Entries(UnicodeNormalization.Decompositions).ToDictionary(e => CodePoints(e.Key)[0], e => CodePoints(e.Value)),
            Classes = Entries(CombiningClasses).ToDictionary(e => CodePoints(e.Key)[0], e => byte.Parse(e.Value, CultureInfo.InvariantCulture)),
            Compositions = Entries(UnicodeNormalization.Compositions).ToDictionary(e => Pair(CodePoints(e.Key)[0], CodePoints(e.Key)[1]), e => CodePoints(e.Value)[0]),
        };

        private static IEnumerable<KeyValuePair<string, string>> Entries(string table) =>
            table.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries).Select(line =>
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                return KeyValuePair.Create(line[..colon], line[(colon + 1)..]);
            });

        private static int[] CodePoints(string hex) =>
            hex.Split(' ').Select(h => int.Parse(h, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToArray();
    }
}
