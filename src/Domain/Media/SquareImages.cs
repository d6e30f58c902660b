namespace Veza.Domain.Media;

/// <param name="Sizes">Side lengths in pixels of the square variants to make.</param>
/// <param name="MaxSourceSide">The largest width or height accepted from the source, checked before decoding.</param>
/// <param name="Output">The format every variant is encoded in.</param>
/// <param name="CropToSquare">
/// True: the centre square, scaled to each size (avatars, artwork). False: the whole picture scaled to fit a
/// size × size box, proportions kept and never enlarged (listing photos, where cropping would cut the gear).
/// </param>
public sealed record SquareImageRequest(IReadOnlyList<int> Sizes, int MaxSourceSide, ImageFormat Output, bool CropToSquare = true);

public enum SquareImageOutcome
{
    Rendered,

    /// <summary>The header announces a side over the limit (a decompression bomb or just too big): nothing was decoded.</summary>
    TooLarge,

    /// <summary>Not a readable image (a renamed file, a truncated or forged one).</summary>
    Undecodable,
}

/// <summary>One square variant, held in a temporary file until disposed.</summary>
public sealed record SquareImage(int Size, ImageFormat Format, string TemporaryPath);

/// <summary>What <see cref="Ports.IImageProcessor"/> made. Disposing it deletes the variants' temporary files.</summary>
public sealed class SquareImageResult : IAsyncDisposable
{
    private readonly Action? _cleanup;

    private SquareImageResult(SquareImageOutcome outcome, int width, int height, IReadOnlyList<SquareImage> images, Action? cleanup)
    {
        Outcome = outcome;
        SourceWidth = width;
        SourceHeight = height;
        Images = images;
        _cleanup = cleanup;
    }

    public SquareImageOutcome Outcome { get; }
    public int SourceWidth { get; }
    public int SourceHeight { get; }
    public IReadOnlyList<SquareImage> Images { get; }

    public static SquareImageResult Rendered(int width, int height, IReadOnlyList<SquareImage> images, Action cleanup) =>
        new(SquareImageOutcome.Rendered, width, height, images, cleanup);

    public static SquareImageResult TooLarge(int width, int height) => new(SquareImageOutcome.TooLarge, width, height, [], null);

    public static SquareImageResult Undecodable() => new(SquareImageOutcome.Undecodable, 0, 0, [], null);

    public ValueTask DisposeAsync()
    {
        _cleanup?.Invoke();
        return ValueTask.CompletedTask;
    }
}
