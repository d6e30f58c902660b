using Veza.Application.Common.Behaviours;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Storage;
using Veza.Domain.Gear;
using Veza.Domain.Media;
using Veza.Domain.Ports;

namespace Veza.Application.Gear;

/// <summary>
/// The one path a gear file takes, a user's or a catalog document: size, then its bytes decide what it is (415
/// otherwise), then storage under a key of the server's (the name is only shown), a 256 px thumbnail for images
/// (through the image processor: decoded, re-encoded, stripped) and the page count for PDFs. What is stored is
/// removed again if the command does not commit.
/// </summary>
public sealed class GearFileUpload(IFileStorage storage, IImageProcessor images, IPdfInspector pdfs, RollbackActions rollback)
{
    /// <summary>What the bytes are, refusing an empty or oversize file and anything but the accepted formats.</summary>
    /// <param name="content">Readable and seekable; left at its start.</param>
    public static async Task<GearFileFormat> RecogniseAsync(Stream content, long length, long maxBytes, CancellationToken cancellationToken)
    {
        if (length > maxBytes)
        {
            throw new FileTooLargeException(maxBytes);
        }

        if (length <= 0)
        {
            throw new RequestValidationException([new FieldError("file", "The file is empty.")]);
        }

        var header = new byte[GearFileFormats.HeaderLength];
        var read = await content.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken);
        content.Position = 0;
        return GearFileFormats.Detect(header.AsSpan(0, read))
            ?? throw new UnsupportedMediaTypeException("The file is not a PDF, PNG, JPEG, WebP image or plain text (recognised by its bytes, not its name).");
    }

    /// <summary>Stores the file's bytes and what is derived from them, and records them on <paramref name="file"/>.</summary>
    public async Task StoreAsync(GearFile file, Stream content, CancellationToken cancellationToken)
    {
        rollback.Add(async ct =>
        {
            await storage.DeleteAsync(GearFileKeys.Original(file.Id), ct);
            await storage.DeleteAsync(GearFileKeys.Thumbnail(file.Id), ct);
        });
        var thumbnail = false;
        int? pages = null;
        if (GearFileFormats.IsImage(file.Format))
        {
            await using var rendered = await SquareImageUpload.RenderAsync(
                images, content, new SquareImageRequest([GearFileKeys.ThumbnailSize], 12_000, ImageFormat.WebP, CropToSquare: false), "file", cancellationToken);
            await using var small = File.OpenRead(rendered.Images[0].TemporaryPath);
            await storage.SaveAsync(GearFileKeys.Thumbnail(file.Id), small, cancellationToken);
            thumbnail = true;
            content.Position = 0;
        }
        else if (file.Format == GearFileFormat.Pdf)
        {
            pages = await pdfs.PageCountAsync(content, cancellationToken);
            content.Position = 0;
        }

        await storage.SaveAsync(file.StorageKey, content, cancellationToken);
        file.Describe(pages, thumbnail);
    }

    /// <summary>The files' stored keys, for a deletion job once their rows are gone.</summary>
    public static IReadOnlyList<string> KeysOf(IEnumerable<GearFile> files) =>
        [.. files.SelectMany(f => f.ThumbnailKey is { } thumb ? new[] { f.StorageKey, thumb } : [f.StorageKey])];
}
