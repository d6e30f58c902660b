using System.Text.RegularExpressions;

namespace Veza.Infrastructure.Storage;

/// <summary>The key rules of <see cref="Domain.Ports.IFileStorage"/>, one place for every adapter.</summary>
public static partial class StorageKeys
{
    public const int MaxLength = 512;

    /// <summary>Refuses any key that is not lowercase segments of <c>[a-z0-9._-]</c> joined by '/', each starting with a letter or digit.</summary>
    public static string Validate(string key)
    {
        if (string.IsNullOrEmpty(key) || key.Length > MaxLength || !KeyPattern().IsMatch(key))
        {
            throw new ArgumentException($"'{key}' is not a storage key (lowercase segments of [a-z0-9._-] joined by '/').", nameof(key));
        }

        return key;
    }

    /// <summary>True for one segment of a key (a folder or file name the listings report).</summary>
    public static bool IsSegment(string? name) => name is { Length: > 0 } && SegmentPattern().IsMatch(name);

    // Each segment starts with a letter or digit, so "." and ".." (and hidden temporary files) cannot be named.
    [GeneratedRegex(@"\A[a-z0-9][a-z0-9._-]*(/[a-z0-9][a-z0-9._-]*)*\z", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();

    [GeneratedRegex(@"\A[a-z0-9][a-z0-9._-]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex SegmentPattern();
}
