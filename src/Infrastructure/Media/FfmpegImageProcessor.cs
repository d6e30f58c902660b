using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Veza.Domain.Media;
using Veza.Domain.Ports;

namespace Veza.Infrastructure.Media;

/// <summary>
/// <see cref="IImageProcessor"/> with ffprobe and ffmpeg. The upload is streamed to a private temporary
/// directory; its dimensions come from the header bytes (no decoder runs) and then from ffprobe, both
/// bounded by <c>-max_pixels</c> so no decoder ever allocates more than the largest accepted bitmap.
/// One ffmpeg run centre-crops, scales to every size and encodes without any metadata
/// (<c>-map_metadata -1</c>, bit-exact muxing: no EXIF, GPS, XMP, ICC or encoder tag).
/// The demuxer is forced from the magic bytes, so ffmpeg never guesses a format (playlists, concat).
/// </summary>
public sealed partial class FfmpegImageProcessor(IOptions<MediaOptions> options, MediaProcessSlots slots, ILogger<FfmpegImageProcessor> logger) : IImageProcessor
{
    private readonly MediaOptions _options = options.Value;

    /// <summary>A processor with a cap of its own (tests).</summary>
    public FfmpegImageProcessor(IOptions<MediaOptions> options, ILogger<FfmpegImageProcessor> logger)
        : this(options, new MediaProcessSlots(options), logger)
    {
    }

    public async Task<SquareImageResult> RenderSquaresAsync(Stream source, SquareImageRequest request, CancellationToken cancellationToken)
    {
        // Beside the work directories of IScratchSpace, so a killed process's leftovers are swept with theirs (seconds-long: no hold needed).
        var work = Path.Combine(LocalScratchSpace.RootFor(_options), "media-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        var keep = false;
        try
        {
            var input = Path.Combine(work, "source");
            await using (var file = new FileStream(input, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                await source.CopyToAsync(file, cancellationToken);
            }

            var header = await ReadHeadAsync(input, cancellationToken);
            if (ImageFormats.Detect(header) is not { } format)
            {
                return SquareImageResult.Undecodable();
            }

            var maxPixels = (long)request.MaxSourceSide * request.MaxSourceSide;
            if (ImageHeader.ReadDimensions(format, header) is var (headerWidth, headerHeight)
                && (headerWidth > request.MaxSourceSide || headerHeight > request.MaxSourceSide))
            {
                return SquareImageResult.TooLarge(headerWidth, headerHeight);
            }

            var probe = await slots.RunAsync(() => ExternalProcess.RunAsync(_options.FfprobePath,
            [
                "-v", "error", "-max_pixels", maxPixels.ToString(CultureInfo.InvariantCulture),
                "-f", Demuxer(format), "-select_streams", "v:0",
                "-show_entries", "stream=width,height", "-of", "csv=p=0:s=x", input,
            ], _options.ProcessTimeout, cancellationToken), cancellationToken);
            if (probe.StandardError.Contains("exceeds specified max pixel count", StringComparison.Ordinal))
            {
                return SquareImageResult.TooLarge(0, 0);
            }

            if (probe.ExitCode != 0 || !TryParseSize(probe.StandardOutput, out var width, out var height))
            {
                LogRefused(logger, "ffprobe", probe);
                return SquareImageResult.Undecodable();
            }

            if (width > request.MaxSourceSide || height > request.MaxSourceSide)
            {
                return SquareImageResult.TooLarge(width, height);
            }

            var images = request.Sizes.Select(size => new SquareImage(size, request.Output, Path.Combine(work, $"{size}.{ImageFormats.Extension(request.Output)}"))).ToList();
            var render = await slots.RunAsync(() => ExternalProcess.RunAsync(_options.FfmpegPath, Arguments(input, format, maxPixels, images, request.CropToSquare), _options.ProcessTimeout, cancellationToken), cancellationToken);
            if (render.ExitCode != 0 || images.Any(i => !File.Exists(i.TemporaryPath) || new FileInfo(i.TemporaryPath).Length == 0))
            {
                LogRefused(logger, "ffmpeg", render);
                return SquareImageResult.Undecodable();
            }

            keep = true;
            return SquareImageResult.Rendered(width, height, images, () => DeleteDirectory(work));
        }
        finally
        {
            if (!keep)
            {
                DeleteDirectory(work);
            }
        }
    }

    /// <summary>
    /// The ffmpeg arguments, one list entry each: a split of the centre square (or of the whole picture, when not
    /// cropping) into one scaled output per size.
    /// </summary>
    public static IReadOnlyList<string> Arguments(string input, ImageFormat format, long maxPixels, IReadOnlyList<SquareImage> images, bool cropToSquare = true)
    {
        var labels = images.Select((_, i) => $"[s{i}]").ToList();
        var graph = (cropToSquare ? "[0:v]crop='min(iw,ih)':'min(iw,ih)',split=" : "[0:v]split=") + images.Count.ToString(CultureInfo.InvariantCulture) + string.Concat(labels)
            + string.Concat(images.Select((image, i) => cropToSquare
                ? $";{labels[i]}scale={image.Size}:{image.Size}:flags=lanczos,setsar=1[o{i}]"
                : $";{labels[i]}scale='min({image.Size},iw)':'min({image.Size},ih)':force_original_aspect_ratio=decrease:flags=lanczos,setsar=1[o{i}]"));
        var arguments = new List<string>
        {
            "-nostdin", "-hide_banner", "-v", "error",
            "-max_pixels", maxPixels.ToString(CultureInfo.InvariantCulture),
            "-f", Demuxer(format), "-i", input,
            "-filter_complex", graph,
        };
        for (var i = 0; i < images.Count; i++)
        {
            arguments.AddRange(["-map", $"[o{i}]", "-map_metadata", "-1", "-map_chapters", "-1", "-frames:v", "1", "-fflags", "+bitexact", "-flags:v", "+bitexact"]);
            arguments.AddRange(Encoder(images[i].Format));
            arguments.AddRange(["-y", images[i].TemporaryPath]);
        }

        return arguments;
    }

    private static string[] Encoder(ImageFormat format) => format switch
    {
        ImageFormat.WebP => ["-c:v", "libwebp", "-quality", "85", "-f", "webp"],
        ImageFormat.Png => ["-c:v", "png", "-f", "image2"],
        ImageFormat.Jpeg => ["-c:v", "mjpeg", "-q:v", "3", "-pix_fmt", "yuvj420p", "-f", "image2"],
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    private static string Demuxer(ImageFormat format) => format switch
    {
        ImageFormat.Png => "png_pipe",
        ImageFormat.Jpeg => "jpeg_pipe",
        ImageFormat.WebP => "webp_pipe",
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    private static async Task<byte[]> ReadHeadAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(path);
        var buffer = new byte[(int)Math.Min(file.Length, ImageHeader.BytesNeeded)];
        await file.ReadExactlyAsync(buffer, cancellationToken);
        return buffer;
    }

    private static bool TryParseSize(string output, out int width, out int height)
    {
        width = height = 0;
        var parts = output.Trim().Split('\n')[0].Trim().Split('x');
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out width)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out height)
            && width > 0 && height > 0;
    }

    private static void LogRefused(ILogger logger, string tool, ProcessOutcome outcome)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            var error = outcome.StandardError.Length > 500 ? outcome.StandardError[..500] : outcome.StandardError;
            LogRefused(logger, tool, outcome.ExitCode, error);
        }
    }

    private static void DeleteDirectory(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    [LoggerMessage(EventId = 7100, Level = LogLevel.Information, Message = "Image refused by {Tool} (exit {ExitCode}): {Error}")]
    private static partial void LogRefused(ILogger logger, string tool, int exitCode, string error);
}
