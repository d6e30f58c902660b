using Veza.Domain.Media;

namespace Veza.Domain.Ports;

/// <summary>
/// Turns an uploaded image into square variants: reads its dimensions from the header first and
/// refuses one over <see cref="SquareImageRequest.MaxSourceSide"/> before any pixel is decoded,
/// then centre-crops, scales to each size and re-encodes with every piece of metadata dropped
/// (EXIF, GPS, ICC comments, text chunks).
/// </summary>
public interface IImageProcessor
{
    /// <summary>The caller disposes the result, which removes its temporary files.</summary>
    Task<SquareImageResult> RenderSquaresAsync(Stream source, SquareImageRequest request, CancellationToken cancellationToken);
}
