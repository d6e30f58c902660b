using Veza.Application.Common.Exceptions;
using Veza.Domain.Media;
using Veza.Domain.Ports;

namespace Veza.Application.Common.Storage;

/// <summary>
/// The one path an uploaded picture takes (avatars, track artwork, embedded covers): magic bytes, then the
/// image processor (which refuses huge dimensions before decoding, crops square, re-encodes and strips
/// metadata). Refusals are the caller's answer: 415 for what is not a readable image, 400 on
/// <paramref name="field"/> for one too large.
/// </summary>
public static class SquareImageUpload
{
    /// <summary>The caller disposes the result (it removes the temporary variants).</summary>
    /// <param name="content">Readable and seekable.</param>
    public static async Task<SquareImageResult> RenderAsync(IImageProcessor images, Stream content, SquareImageRequest request, string field, CancellationToken cancellationToken)
    {
        var start = content.Position;
        var header = new byte[ImageFormats.HeaderLength];
        var read = await content.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken);
        if (ImageFormats.Detect(header.AsSpan(0, read)) is null)
        {
            throw new UnsupportedMediaTypeException("The file is not a PNG, JPEG or WebP image.");
        }

        content.Position = start;
        var rendered = await images.RenderSquaresAsync(content, request, cancellationToken);
        switch (rendered.Outcome)
        {
            case SquareImageOutcome.TooLarge:
                await rendered.DisposeAsync();
                throw new RequestValidationException([new FieldError(field,
                    $"The image is {rendered.SourceWidth}x{rendered.SourceHeight} pixels; at most {request.MaxSourceSide} pixels on a side are accepted.")]);
            case SquareImageOutcome.Undecodable:
                await rendered.DisposeAsync();
                throw new UnsupportedMediaTypeException("The file is not a readable PNG, JPEG or WebP image.");
            default:
                return rendered;
        }
    }
}
