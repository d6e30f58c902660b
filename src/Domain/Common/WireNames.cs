using System.Collections.Frozen;
using System.Text;

namespace Veza.Domain.Common;

/// <summary>
/// The snake_case wire and storage name of each member of an enum (<c>SaleOrTrade</c> → <c>sale_or_trade</c>),
/// and back, for enums whose member names are their contract: one rule instead of a switch per enum.
/// </summary>
public static class WireNames
{
    public static string ToWireName<TEnum>(this TEnum value)
        where TEnum : struct, Enum =>
        Cache<TEnum>.Names.TryGetValue(value, out var name) ? name : throw new ArgumentOutOfRangeException(nameof(value), value, null);

    /// <summary>Every name, in declaration order (for documentation and error messages).</summary>
    public static IReadOnlyList<string> All<TEnum>()
        where TEnum : struct, Enum => Cache<TEnum>.All;

    public static bool TryParse<TEnum>(string? name, out TEnum value)
        where TEnum : struct, Enum
    {
        value = default;
        return name is not null && Cache<TEnum>.Values.TryGetValue(name, out value);
    }

    /// <summary>The value of a stored name; a name no member has is corrupt data.</summary>
    public static TEnum Parse<TEnum>(string name)
        where TEnum : struct, Enum =>
        Cache<TEnum>.Values.TryGetValue(name, out var value) ? value : throw new FormatException($"'{name}' is not a {typeof(TEnum).Name}.");

    private static string SnakeCase(string pascal)
    {
        var builder = new StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            if (char.IsUpper(pascal[i]) && i > 0)
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(pascal[i]));
        }

        return builder.ToString();
    }

    private static class Cache<TEnum>
        where TEnum : struct, Enum
    {
#pragma warning disable CA1000 // a private cache: nothing outside names it
        public static readonly FrozenDictionary<TEnum, string> Names = Enum.GetValues<TEnum>().ToFrozenDictionary(v => v, v => SnakeCase(v.ToString()));
        public static readonly FrozenDictionary<string, TEnum> Values = Names.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);
        public static readonly IReadOnlyList<string> All = [.. Enum.GetValues<TEnum>().Select(v => Names[v])];
#pragma warning restore CA1000
    }
}
