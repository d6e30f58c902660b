using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Storage;
using Veza.Domain.Media;
using Veza.Domain.Ports;
using Veza.Domain.Tracks;

namespace Veza.Application.Tracks.Artwork;

/// <summary>
/// Stores a track's artwork from a picture (uploaded with the track, replaced later, or the cover found in
/// the file): square WebP variants of <see cref="TrackFiles.ArtworkSizes"/> under a new version, through the
/// same picture path as avatars. The caller records the version on the track and queues the deletion of
/// the previous version's files with its commit.
/// </summary>
public sealed class TrackArtworkWriter(IImageProcessor images, IFileStorage storage)
{
    public const long MaxFileBytes = 10L * 1024 * 1024;
    public const int MaxSourceSide = 8000;

    private static readonly SquareImageRequest Request = new(TrackFiles.ArtworkSizes, MaxSourceSide, ImageFormat.WebP);

    /// <param name="content">Readable and seekable.</param>
    /// <param name="field">The request field that carried the picture, for a refusal.</param>
    public async Task<StoredArtwork> StoreAsync(Guid trackId, Stream content, long length, string field, CancellationToken cancellationToken)
    {
        if (length > MaxFileBytes)
        {
            throw new FileTooLargeException(MaxFileBytes);
        }

        await using var rendered = await SquareImageUpload.RenderAsync(images, content, Request, field, cancellationToken);
        var version = Guid.CreateVersion7();
        long bytes = 0;
        foreach (var image in rendered.Images)
        {
            await using var file = File.OpenRead(image.TemporaryPath);
            bytes += await storage.SaveAsync(TrackFiles.Artwork(trackId, version, image.Size), file, cancellationToken);
        }

        return new StoredArtwork(version, bytes);
    }

    public static IReadOnlyList<string> Keys(Guid trackId, Guid version) =>
        [.. TrackFiles.ArtworkSizes.Select(size => TrackFiles.Artwork(trackId, version, size))];
}

public sealed record StoredArtwork(Guid Version, long Bytes);
