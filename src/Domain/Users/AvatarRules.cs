using Veza.Domain.Common;
using Veza.Domain.Media;

namespace Veza.Domain.Users;

/// <summary>What an avatar upload may be and how its files are named.</summary>
public static class AvatarRules
{
    /// <summary>The largest file accepted (5 MiB).</summary>
    public const long MaxFileBytes = 5L * 1024 * 1024;

    /// <summary>A larger side is refused before decoding: a small file can announce a huge bitmap (a decompression bomb).</summary>
    public const int MaxSourceSide = 8000;

    public const int LargeSize = 512;
    public const int SmallSize = 128;

    public static readonly IReadOnlyList<int> Sizes = [LargeSize, SmallSize];

    /// <summary>Every avatar is served in one format: WebP keeps transparency and is small.</summary>
    public const ImageFormat Format = ImageFormat.WebP;

    public static bool IsSize(int size) => size is LargeSize or SmallSize;

    /// <summary>The folder every user's avatar folder is in.</summary>
    public const string StoragePrefix = "avatars";

    /// <summary>The storage key of one size of one version: built from ids only, never from anything the user sent.</summary>
    public static string StorageKey(Guid userId, Guid version, int size) =>
        $"{StoragePrefix}/{userId:N}/{version:N}-{size}.{ImageFormats.Extension(Format)}";

    /// <summary>The avatar version a file of a user's avatar folder is for, or null.</summary>
    public static Guid? VersionOf(string key) => StorageNames.IdAfter(key, string.Empty);

    public static IReadOnlyList<string> StorageKeys(Guid userId, Guid version) => [.. Sizes.Select(s => StorageKey(userId, version, s))];
}
