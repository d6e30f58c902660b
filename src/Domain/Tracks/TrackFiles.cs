using System.Globalization;
using Veza.Domain.Common;

namespace Veza.Domain.Tracks;

/// <summary>The storage keys of a track's files, all under <c>tracks/{id}/</c> and built from ids only (never from user input).</summary>
public static class TrackFiles
{
    /// <summary>The folder every track's folder is in.</summary>
    public const string Prefix = "tracks";

    private const string ArtworkLead = "artwork-";

    public static string Folder(Guid trackId) => $"{Prefix}/{trackId:N}";

    public static string Original(Guid trackId) => $"{Folder(trackId)}/original";

    public static string Mp3(Guid trackId, int kbps) => $"{Folder(trackId)}/mp3-{kbps.ToString(CultureInfo.InvariantCulture)}.mp3";

    public static string HlsFolder(Guid trackId) => $"{Folder(trackId)}/hls";

    public static string Hls(Guid trackId, string relativePath) => $"{HlsFolder(trackId)}/{relativePath}";

    public static string Waveform(Guid trackId) => $"{Folder(trackId)}/waveform.json";

    public static string Artwork(Guid trackId, Guid version, int size) =>
        $"{Folder(trackId)}/{ArtworkLead}{version:N}-{size.ToString(CultureInfo.InvariantCulture)}.webp";

    /// <summary>The artwork version a file of a track's folder is for, or null when it is not an artwork file.</summary>
    public static Guid? ArtworkVersionOf(string key) => StorageNames.IdAfter(key, ArtworkLead);

    /// <summary>Sizes of the square artwork variants (the same image path as avatars).</summary>
    public static readonly int[] ArtworkSizes = [512, 128];
}
