using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Veza.Domain.Media;
using Veza.Infrastructure.Gear;
using Veza.Infrastructure.Media;
using Veza.Testing;
using Veza.TestKit;

namespace Veza.Infrastructure.IntegrationTests;

/// <summary>Gear's adapters with the real tools: poppler's pdfinfo for page counts, ffmpeg for whole (uncropped) thumbnails.</summary>
public class GearAdapterTests
{
    private static readonly PdfinfoInspector Pdfs = new(Options.Create(new GearOptions()), Options.Create(new MediaOptions()));

    [TestCase(1)]
    [TestCase(3)]
    public async Task Pdfinfo_reads_the_page_count(int pages)
    {
        var count = await Pdfs.PageCountAsync(new MemoryStream(TestPdfs.Make(pages)), CancellationToken.None);

        Assert.That(count, Is.EqualTo(pages));
    }

    [Test]
    public async Task A_file_that_is_not_a_pdf_or_a_missing_tool_gives_no_count_rather_than_an_error()
    {
        var garbage = await Pdfs.PageCountAsync(new MemoryStream("%PDF-1.4 but nothing more"u8.ToArray()), CancellationToken.None);
        var noTool = await new PdfinfoInspector(Options.Create(new GearOptions { PdfinfoPath = "/nonexistent/pdfinfo" }), Options.Create(new MediaOptions()))
            .PageCountAsync(new MemoryStream(TestPdfs.Make(2)), CancellationToken.None);

        Assert.That((garbage, noTool), Is.EqualTo(((int?)null, (int?)null)));
    }

    [Test]
    public async Task A_fitted_render_keeps_the_whole_picture_and_its_proportions_and_never_enlarges()
    {
        var temp = Path.Combine(Path.GetTempPath(), "veza-gear-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(temp);
        try
        {
            var processor = new FfmpegImageProcessor(Options.Create(new MediaOptions { TemporaryDirectory = temp }), NullLogger<FfmpegImageProcessor>.Instance);
            var wide = await TestImages.MakeAsync("png", 1200, 600);
            var small = await TestImages.MakeAsync("jpg", 100, 50);

            await using var fitted = await processor.RenderSquaresAsync(new MemoryStream(wide), new SquareImageRequest([256], 8000, ImageFormat.WebP, CropToSquare: false), CancellationToken.None);
            await using var kept = await processor.RenderSquaresAsync(new MemoryStream(small), new SquareImageRequest([256], 8000, ImageFormat.WebP, CropToSquare: false), CancellationToken.None);

            Assert.Multiple(async () =>
            {
                Assert.That(await TestImages.ProbeAsync(await File.ReadAllBytesAsync(fitted.Images[0].TemporaryPath)), Is.EqualTo((256, 128, "webp")));
                Assert.That(await TestImages.ProbeAsync(await File.ReadAllBytesAsync(kept.Images[0].TemporaryPath)), Is.EqualTo((100, 50, "webp")), "never enlarged");
            });
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
        }
    }
}
