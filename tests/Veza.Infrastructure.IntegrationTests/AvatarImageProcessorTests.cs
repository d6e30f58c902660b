using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Veza.Domain.Media;
using Veza.Domain.Users;
using Veza.Infrastructure.Media;
using Veza.Testing;
using Veza.TestKit;

namespace Veza.Infrastructure.IntegrationTests;

/// <summary>The ffmpeg adapter of the image processor port, with the real ffmpeg, ffprobe and exiftool.</summary>
public class AvatarImageProcessorTests
{
    private static readonly SquareImageRequest Avatar = new(AvatarRules.Sizes, AvatarRules.MaxSourceSide, AvatarRules.Format);

    private string _temp = null!;
    private FfmpegImageProcessor _processor = null!;

    [SetUp]
    public void CreateProcessor()
    {
        _temp = Path.Combine(Path.GetTempPath(), "veza-media-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_temp);
        _processor = new FfmpegImageProcessor(Options.Create(new MediaOptions { TemporaryDirectory = _temp }), NullLogger<FfmpegImageProcessor>.Instance);
    }

    [TearDown]
    public void DeleteTemp() => Directory.Delete(_temp, recursive: true);

    [TestCase("png", 640, 480)]
    [TestCase("jpg", 480, 640)]
    [TestCase("webp", 300, 200)]
    public async Task A_non_square_image_becomes_square_webp_images_of_512_and_128(string extension, int width, int height)
    {
        var source = await TestImages.MakeAsync(extension, width, height);

        await using var result = await _processor.RenderSquaresAsync(new MemoryStream(source), Avatar, CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(SquareImageOutcome.Rendered));
        Assert.That((result.SourceWidth, result.SourceHeight), Is.EqualTo((width, height)));
        var probes = new List<(int, int, string)>();
        foreach (var image in result.Images)
        {
            probes.Add(await TestImages.ProbeAsync(await File.ReadAllBytesAsync(image.TemporaryPath)));
        }

        Assert.That(probes, Is.EqualTo(new[] { (512, 512, "webp"), (128, 128, "webp") }));
    }

    [TestCase("jpg")]
    [TestCase("png")]
    [TestCase("webp")]
    public async Task Exif_gps_and_every_other_tag_are_gone_from_the_output(string extension)
    {
        var source = await TestImages.MakeAsync(extension, 800, 600, withMetadata: true);
        var before = await TestImages.TagsAsync(source);
        Assume.That(before.Keys, Has.Some.Contains("GPS"), "the source carries GPS");
        Assume.That(before.Values, Has.Some.EqualTo("Nova Secret"));

        await using var result = await _processor.RenderSquaresAsync(new MemoryStream(source), Avatar, CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(SquareImageOutcome.Rendered));
        foreach (var image in result.Images)
        {
            var bytes = await File.ReadAllBytesAsync(image.TemporaryPath);
            var tags = await TestImages.TagsAsync(bytes);
            Assert.Multiple(() =>
            {
                Assert.That(tags.Keys.Where(k => !k.StartsWith("RIFF:", StringComparison.Ordinal)), Is.Empty,
                    "nothing beyond the image's own structure: " + string.Join(", ", tags.Keys));
                Assert.That(tags.Keys, Has.None.Contains("GPS").And.None.Contains("EXIF").And.None.Contains("XMP"));
                Assert.That(System.Text.Encoding.Latin1.GetString(bytes), Does.Not.Contain("Nova Secret").And.Not.Contain("TestCam").And.Not.Contain("Lavf"));
            });
        }
    }

    [Test]
    public async Task A_decompression_bomb_is_refused_from_its_header_without_running_a_decoder()
    {
        var bomb = await TestImages.MakeAsync("png", 10000, 10000, pattern: "color");
        Assume.That(bomb.Length, Is.LessThan(AvatarRules.MaxFileBytes), "a small file announcing a huge bitmap");

        var clock = Stopwatch.StartNew();
        await using var result = await _processor.RenderSquaresAsync(new MemoryStream(bomb), Avatar, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(SquareImageOutcome.TooLarge));
            Assert.That((result.SourceWidth, result.SourceHeight), Is.EqualTo((10000, 10000)));
            Assert.That(result.Images, Is.Empty);
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2)), "refused without decoding 100 megapixels");
        });
    }

    [Test]
    public async Task One_long_side_over_the_limit_is_refused_too() // (lavfi rounds odd widths down, hence 8002)
    {
        var strip = await TestImages.MakeAsync("png", 8002, 16, pattern: "color");

        await using var result = await _processor.RenderSquaresAsync(new MemoryStream(strip), Avatar, CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(SquareImageOutcome.TooLarge));
    }

    [Test]
    public async Task Ffmpeg_itself_refuses_to_decode_over_the_pixel_bound_when_the_header_is_not_read()
    {
        // A PNG whose IHDR was moved out of place would escape the header reader; ffprobe's max_pixels still stops it.
        var bomb = await TestImages.MakeAsync("png", 10000, 10000, pattern: "color");
        var input = Path.Combine(_temp, "bomb.png");
        await File.WriteAllBytesAsync(input, bomb);

        var probe = await ExternalProcess.RunAsync("ffprobe",
            ["-v", "error", "-max_pixels", "64000000", "-f", "png_pipe", "-show_entries", "stream=width,height", "-of", "csv=p=0:s=x", input],
            TimeSpan.FromSeconds(30), CancellationToken.None);

        Assert.That(probe.StandardError, Does.Contain("exceeds specified max pixel count"));
    }

    [Test]
    public async Task Text_with_a_forged_png_signature_and_a_truncated_image_are_undecodable()
    {
        var forged = "\x89PNG\r\n\x1a\n"u8.ToArray().Concat("this is a text file, not an image. "u8.ToArray()).Concat(new byte[64]).ToArray();
        var png = await TestImages.MakeAsync("png", 640, 480);
        var truncated = png[..(png.Length / 3)];

        await using var forgedResult = await _processor.RenderSquaresAsync(new MemoryStream(forged), Avatar, CancellationToken.None);
        await using var truncatedResult = await _processor.RenderSquaresAsync(new MemoryStream(truncated), Avatar, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(forgedResult.Outcome, Is.EqualTo(SquareImageOutcome.Undecodable));
            Assert.That(truncatedResult.Outcome, Is.EqualTo(SquareImageOutcome.Undecodable));
        });
    }

    [Test]
    public async Task Disposing_the_result_removes_every_temporary_file()
    {
        var source = await TestImages.MakeAsync("png", 200, 200);

        var result = await _processor.RenderSquaresAsync(new MemoryStream(source), Avatar, CancellationToken.None);
        var paths = result.Images.Select(i => i.TemporaryPath).ToList();
        await result.DisposeAsync();

        Assert.Multiple(() =>
        {
            Assert.That(paths, Has.Count.EqualTo(2));
            Assert.That(paths.Select(File.Exists), Is.All.False);
            Assert.That(Directory.GetFileSystemEntries(Path.Combine(_temp, "veza-scratch")), Is.Empty);
        });
    }

    [Test]
    public async Task A_process_over_its_timeout_is_killed()
    {
        var marker = UniqueSleep();
        var clock = Stopwatch.StartNew();

        Assert.ThrowsAsync<TimeoutException>(() => ExternalProcess.RunAsync("sleep", [marker], TimeSpan.FromMilliseconds(300), CancellationToken.None));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)));
        Assert.That(await Eventually.TrueAsync(() => Task.FromResult(!IsRunning(marker))), Is.True, "the process is gone, not abandoned");
    }

    [Test]
    public async Task A_cancelled_process_is_killed_and_the_cancellation_surfaces()
    {
        var marker = UniqueSleep();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        Assert.CatchAsync<OperationCanceledException>(() => ExternalProcess.RunAsync("sleep", [marker], TimeSpan.FromSeconds(30), cancel.Token));
        Assert.That(await Eventually.TrueAsync(() => Task.FromResult(!IsRunning(marker))), Is.True, "the process is gone, not abandoned");
    }

    /// <summary>A sleep of about 30 s whose argument no other process has, so it can be looked for.</summary>
    private static string UniqueSleep() => $"30.{Random.Shared.Next(100_000, 999_999)}";

    private static bool IsRunning(string argument) => Directory.EnumerateDirectories("/proc").Any(dir =>
    {
        try
        {
            var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline"));
            return cmdline.StartsWith("sleep\0", StringComparison.Ordinal) && cmdline.Contains(argument, StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    });

    [Test]
    public void Arguments_are_passed_one_by_one_with_a_forced_demuxer_and_no_metadata()
    {
        var arguments = FfmpegImageProcessor.Arguments("/tmp/in put; rm -rf x", ImageFormat.Jpeg, 64_000_000,
            [new SquareImage(512, ImageFormat.WebP, "/tmp/o 512.webp"), new SquareImage(128, ImageFormat.WebP, "/tmp/o 128.webp")]);

        Assert.Multiple(() =>
        {
            Assert.That(arguments, Does.Contain("/tmp/in put; rm -rf x"), "the path is one argument, never split or interpreted");
            Assert.That(arguments.Count(a => a == "-map_metadata"), Is.EqualTo(2));
            Assert.That(arguments, Does.Contain("jpeg_pipe"));
            Assert.That(arguments, Does.Contain("-max_pixels"));
        });
    }
}
